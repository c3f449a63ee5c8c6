"""Full-text search: the user's string → a query tree → SQL for one store → ranked hits with snippets."""
