//! Staffing: the agents an inbound flow needs, with Erlang C and Erlang A.
