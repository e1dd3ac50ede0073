/** Task pane entry: finds the host (Excel, or a simulated workbook outside Office) and mounts the pane. */
import { createRoot } from 'react-dom/client';
import { Pane } from './components/App';
import { detectHost } from './host';

async function main(): Promise<void> {
  const host = await detectHost();
  const bannerKey = host.kind === 'sim' ? 'pane.notOffice' : undefined;
  createRoot(document.getElementById('root')!).render(<Pane host={host} bannerKey={bannerKey} />);
}

void main();
