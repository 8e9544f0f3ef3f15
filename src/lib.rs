//! purecloud (placeholder).
