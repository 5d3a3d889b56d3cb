// The CLI speaks the same two languages as its reports, with the same helpers.
export type { Bilingual, Lang } from '@kepu/reports';
export { t } from '@kepu/reports';
