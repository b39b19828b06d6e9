"""A synthetic Zhejiang: the catalog and the applications of a whole province, for measuring."""
