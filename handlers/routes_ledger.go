package handlers

import "github.com/gongkai/gongkai/models"

// ledgerRoutes are the department's ledgers (issue 23): every signed-in
// role may ask, and models/ledger keeps each to the departments it reads
// (a head or a clerk: their own) and masks the applicants it may not see.
func (s *Server) ledgerRoutes(app *router) {
	get(app, "/requests", models.ActSignedIn, s.requestLedger)
	get(app, "/requests.xlsx", models.ActSignedIn, s.requestLedgerXLSX)
	get(app, "/complaints", models.ActSignedIn, s.complaintLedger)
	get(app, "/complaints.xlsx", models.ActSignedIn, s.complaintLedgerXLSX)
}
