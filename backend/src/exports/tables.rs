//! Finding the tables in a system's JSON, for CSV: an array of flat objects, or an object
//! whose fields hold such arrays.

use serde_json::{Map, Value};

/// A table: an optional name (the field it came from), its columns and rows.
pub(crate) struct Table {
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The tables in `value`, if it has any.
pub(crate) fn find(value: &Value) -> Vec<Table> {
    if let Some(table) = table_of(None, value) {
        return vec![table];
    }
    let Value::Object(fields) = value else {
        return Vec::new();
    };
    fields
        .iter()
        .filter(|(name, _)| safe_name(name))
        .filter_map(|(name, v)| table_of(Some(name.clone()), v))
        .collect()
}

fn table_of(name: Option<String>, value: &Value) -> Option<Table> {
    let items = value.as_array().filter(|a| !a.is_empty())?;
    let records: Vec<&Map<String, Value>> = items
        .iter()
        .map(|item| item.as_object().filter(|o| o.values().all(is_scalar)))
        .collect::<Option<_>>()?;
    let mut columns: Vec<String> = Vec::new();
    for record in &records {
        for key in record.keys() {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    let rows = records
        .iter()
        .map(|r| columns.iter().map(|c| cell(r.get(c))).collect())
        .collect();
    Some(Table {
        name,
        columns,
        rows,
    })
}

impl Table {
    /// The table as CSV (RFC 4180: fields with commas, quotes or line breaks are quoted).
    pub(crate) fn csv(&self) -> String {
        let mut out = String::new();
        for line in std::iter::once(&self.columns).chain(&self.rows) {
            let fields: Vec<String> = line.iter().map(|f| quote(f)).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// A cell's text. A string a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'`, which shows it as text; numbers
/// are JSON numbers and cannot be formulas, so they stay as they are.
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
            format!("'{s}")
        }
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
pub(crate) fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Field names become file names: letters, digits, `-` and `_` only.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn arrays_of_flat_objects_become_csv() {
        let tables = find(&json!({
            "orders": [{ "id": 1, "note": "a, \"b\"" }, { "id": 2, "total": 9.5 }],
            "profile": { "name": "Ada" },
            "bad name": [{ "x": 1 }],
        }));
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].name.as_deref(), Some("orders"));
        assert_eq!(
            tables[0].csv(),
            "id,note,total\r\n1,\"a, \"\"b\"\"\",\r\n2,,9.5\r\n"
        );
        assert_eq!(find(&json!([{ "a": 1 }]))[0].name, None);
        let formulas = find(&json!([
            { "a": "=HYPERLINK(\"http://x\")", "b": "+1", "c": "-1", "d": "@SUM(A1)", "e": -1 }
        ]));
        assert_eq!(
            formulas[0].csv(),
            "a,b,c,d,e\r\n\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-1,'@SUM(A1),-1\r\n",
            "formulas are neutralized; numbers stay numbers"
        );
        assert!(
            find(&json!([{ "a": [1] }])).is_empty(),
            "nested is not tabular"
        );
        assert!(find(&json!("text")).is_empty());
    }
}
