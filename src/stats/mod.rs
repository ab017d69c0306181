//! Statistics: how sure a KPI is, whether it changed, how many responses it needs.
