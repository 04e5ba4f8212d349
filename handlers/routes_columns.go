package handlers

import "github.com/gongkai/gongkai/models"

// columnsRoutes are the website columns' pages (栏目) and the form that
// sets a publication's column.
func (s *Server) columnsRoutes(app *router) {
	get(app, "/columns", models.ActManageColumns, s.columnsPage)
	post(app, "/columns", models.ActManageColumns, s.createColumn)
	get(app, "/columns/:id", models.ActManageColumns, s.columnPage)
	post(app, "/columns/:id", models.ActManageColumns, s.updateColumn)
	post(app, "/publications/:id/column", models.ActAssignColumn, s.assignColumn)
}
