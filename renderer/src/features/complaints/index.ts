/**
 * The complaints feature's public entry (投诉): the 投诉 tab, the header's overdue list for leads,
 * the registration form (from the call, from a waybill's drawer, or on its own), the ticket view,
 * and the caller's open tickets on the screen pop (`CallerTickets`).
 */
export type { ComplaintsSlice, ComplaintPrefill, PendingPhoto, PhotoProblems } from './slice';
export { connectComplaints, createComplaintsSlice } from './slice';
export { complaintTexts } from './i18n';
export { CallerTickets, ComplaintsPage, ComplaintsTabLabel } from './components/ComplaintsPage';
export { ComplaintsHost, RegisterComplaintButton } from './components/ComplaintsHost';
export { TicketClocks } from './components/TicketClocks';
export { ComplaintRulesCard } from './components/RulesCard';
