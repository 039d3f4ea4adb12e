"""Self-evaluations (项目支出绩效自评表, 部门整体支出绩效自评表) and department-level
target tables (部门整体支出绩效目标表): their vocabulary, their interpreters (rows of
cells → models) and the arithmetic the SE rules check."""
