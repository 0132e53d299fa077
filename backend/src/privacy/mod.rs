//! The person's own privacy page: their choices and their requests.

mod jurisdiction;
mod overview;
pub(crate) use overview::summary;
mod training_opt_out;

/// The consent purpose for AI-model training.
pub(crate) const PURPOSE_TRAINING: &str = "ai_training";
