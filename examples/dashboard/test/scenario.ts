/**
 * The report the browser suite files: one the demo history (default seed) leaves unfiled for
 * 2025, so filing it now is late and the rerun assessment charges the unit's late-report
 * deduction. history.test.ts checks the slot is open, so a change of the generator shows there.
 */
export const SCENARIO = {
  unit: 'science-tech',
  unitName: '县科技局',
  task: '4.1.3',
  period: '2025',
} as const;
