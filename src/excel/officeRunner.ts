/**
 * The one entry into real Excel (`Excel.run`); everything else receives a runner (DESIGN §2). Also the two
 * navigation calls the pane needs (show a written sheet, jump to a data-issue row), kept here because only
 * src/excel may touch the Excel API; they work with any runner, so the simulator too.
 */
import type { ExcelRunner } from './api';

/** Waits out cell editing instead of failing with InvalidOperationInCellEditMode. */
export const officeRunner: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

/** Activates a worksheet by name. */
export async function activateSheet(run: ExcelRunner, sheet: string): Promise<void> {
  await run(async (context) => {
    context.workbook.worksheets.getItem(sheet).activate();
    await context.sync();
  });
}

/** Activates a sheet and selects a range on it (e.g. "A12:K12"). */
export async function selectRange(run: ExcelRunner, sheet: string, address: string): Promise<void> {
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}
