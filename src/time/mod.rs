//! Time: duration statistics, percentiles, and business hours.
