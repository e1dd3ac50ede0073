/** Demo page entry: the pane beside a simulated workbook, preloaded with a bundled sample. */
import { createRoot } from 'react-dom/client';
import { DemoApp } from './DemoApp';

createRoot(document.getElementById('root')!).render(<DemoApp />);
