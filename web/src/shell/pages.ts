// pages.ts - every page of the application, built or planned, in sidebar order: its path,
// title, group and whether it exists yet (the planned ones render NotBuilt, which says so).
export interface PageDef {
  path: string;
  title: string;
  group: 'Data' | 'Investment' | 'Risk' | 'Research';
  built: boolean;
  summary: string;
}

export const PAGES: PageDef[] = [
  { path: '/explorer', title: 'Data Explorer', group: 'Data', built: true, summary: 'Search the catalogue; each series with its chart, point-in-time vintages, lineage and quality.' },
  { path: '/curves', title: 'Curves', group: 'Data', built: true, summary: 'DI pre, NTN-B real, breakevens, UST: a curve on a date, two dates compared, the history of one tenor.' },
  { path: '/health', title: 'Data Health', group: 'Data', built: true, summary: 'Ingestion runs and the quality report, live from the event stream.' },
  { path: '/morning-pack', title: 'Morning Pack', group: 'Investment', built: false, summary: 'The day’s market and macro briefing from point-in-time data, with the agents’ views.' },
  { path: '/positions', title: 'Position Book', group: 'Investment', built: false, summary: 'Positions by book and strategy with live marks, DV01 and carry.' },
  { path: '/blotter', title: 'Trade Blotter', group: 'Investment', built: false, summary: 'Proposed, approved and executed trades with their approvals.' },
  { path: '/risk', title: 'Risk Monitor', group: 'Risk', built: false, summary: 'VaR, stress scenarios, exposures against limits, live.' },
  { path: '/attribution', title: 'Performance Attribution', group: 'Risk', built: false, summary: 'P&L by factor, strategy and book over any window.' },
  { path: '/journal', title: 'Decision Journal', group: 'Research', built: false, summary: 'Every decision with its rationale, the data known then and the outcome.' },
  { path: '/agents', title: 'Agent Intelligence', group: 'Research', built: false, summary: 'The analytical agents’ signals, confidence and track records.' },
];
