//! The package's `index.html`: what the package is, what each system said, every file with
//! its size, and the first rows of each table, readable without any tool.

use std::fmt::Write;

use super::{
    package_file::{Cover, Entry, Part},
    tables::Table,
};

/// Rows of each table shown in the page; the CSV has them all.
const PREVIEW_ROWS: usize = 100;

/// Renders the page.
pub(crate) fn render(
    cover: &Cover,
    parts: &[Part],
    entries: &[Entry],
    previews: &[(String, String, Table)],
) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Your data</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;\
         padding:0 1rem;line-height:1.5}}table{{border-collapse:collapse}}\
         td,th{{border:1px solid #999;padding:.2rem .5rem;text-align:left}}</style>\
         </head><body>\n<h1>Your data</h1>\n<p>This package answers your request \
         <code>{}</code> ({}), prepared on {}. Every file is listed in \
         <code>manifest.json</code> with its SHA-256, so you can check nothing was \
         changed.</p>\n<h2>What each system said</h2>\n<ul>\n",
        escape(&cover.request_id),
        escape(&cover.kind),
        escape(&cover.created_at),
    );
    for part in parts {
        let said = part.note.as_deref().unwrap_or("Done.");
        let _ = writeln!(
            page,
            "<li><strong>{}</strong>: {}</li>",
            escape(&part.system),
            escape(said)
        );
    }
    page.push_str("</ul>\n<h2>Files</h2>\n<ul>\n");
    for entry in entries {
        let _ = writeln!(
            page,
            "<li><a href=\"{0}\">{0}</a> ({1} bytes)</li>",
            escape(entry.path()),
            entry.size()
        );
    }
    page.push_str("</ul>\n");
    for (system, file, table) in previews {
        preview(&mut page, system, file, table);
    }
    page.push_str("</body></html>\n");
    page
}

fn preview(page: &mut String, system: &str, file: &str, table: &Table) {
    let _ = writeln!(
        page,
        "<h2>{} <small>({})</small></h2>\n<table><thead><tr>",
        escape(system),
        escape(file)
    );
    for column in &table.columns {
        let _ = write!(page, "<th scope=\"col\">{}</th>", escape(column));
    }
    page.push_str("</tr></thead><tbody>\n");
    for row in table.rows.iter().take(PREVIEW_ROWS) {
        page.push_str("<tr>");
        for cell in row {
            let _ = write!(page, "<td>{}</td>", escape(cell));
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody></table>\n");
    if table.rows.len() > PREVIEW_ROWS {
        let _ = writeln!(
            page,
            "<p>The first {PREVIEW_ROWS} of {} rows; the CSV file has them all.</p>",
            table.rows.len()
        );
    }
}

/// `text` safe inside HTML text and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
