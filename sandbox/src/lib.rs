//! A local Platform API simulator (placeholder).
