//! Server functions: thin adapters from the browser to the backend. Each one takes its
//! context, authenticates, parses input into domain types, makes one backend call and maps
//! the error.

pub mod agents;
pub mod auth;
pub mod console;
pub mod language;
pub mod privacy;
pub mod requests;
