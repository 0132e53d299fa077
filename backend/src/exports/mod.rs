//! Export packages for access and export requests: assembled into a ZIP once every system
//! has answered, kept in the blob store for [`LINK_DAYS`] days, downloadable by the signed-in
//! person, issued again on request, and deleted at expiry.

mod download;
mod index_html;
mod package;
mod package_file;
mod tables;

pub use download::ExportDownload;
pub use index_html::escape as escape_html;
pub(crate) use tables::quote as csv_field;

/// How long a package can be downloaded.
pub const LINK_DAYS: i64 = 7;
