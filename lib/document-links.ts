// The addresses of the official documents (issue 15.4), for the links to them from the pages that
// show their records.

export const documentHref = {
  letter: (decisionId: number) => `/decisions/${decisionId}/letter`,
  letterPdf: (decisionId: number) => `/decisions/${decisionId}/letter.pdf`,
  announcement: (number: string) => `/register/announcements/${encodeURIComponent(number)}`,
  announcementPdf: (number: string) => `/register/announcements/${encodeURIComponent(number)}.pdf`,
  report: (mineCode: string, spotCheckId: number) =>
    `/mines/${encodeURIComponent(mineCode)}/spot-checks/${spotCheckId}/report`,
  reportPdf: (mineCode: string, spotCheckId: number) =>
    `/mines/${encodeURIComponent(mineCode)}/spot-checks/${spotCheckId}/report.pdf`,
};
