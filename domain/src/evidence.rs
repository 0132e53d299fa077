//! Evidence a person attaches to a request to remove their data from model outputs:
//! screenshots, documents or text files, checked by their content, never by their name.

use crate::{ValidationError, string_enum::string_enum};

/// At most this many files per request.
pub const MAX_FILES: usize = 5;

/// At most this many bytes in all (10 MiB).
pub const MAX_TOTAL_BYTES: usize = 10 * 1024 * 1024;

/// The longest file name kept, in characters; a longer one is shortened.
const MAX_NAME: usize = 120;

string_enum! {
    /// What an evidence file holds, as its content shows; stored as its media type.
    EvidenceType, "evidence_type" {
        /// A PNG image.
        Png => "image/png",
        /// A JPEG image.
        Jpeg => "image/jpeg",
        /// A PDF document.
        Pdf => "application/pdf",
        /// Plain text in UTF-8.
        Text => "text/plain",
    }
}

impl EvidenceType {
    /// The type `bytes` are, by their first bytes (or, for text, by all of them): `None` for
    /// anything else, whatever the file is called.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
        if bytes.starts_with(PNG) {
            return Some(Self::Png);
        }
        if bytes.starts_with(b"\xFF\xD8\xFF") {
            return Some(Self::Jpeg);
        }
        if bytes.starts_with(b"%PDF-") {
            return Some(Self::Pdf);
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let printable = |c: char| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}');
        (!text.is_empty() && text.chars().all(printable)).then_some(Self::Text)
    }
}

/// One checked evidence file: its name as the person gave it (tidied), its type and its bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    name: String,
    kind: EvidenceType,
    bytes: Vec<u8>,
}

impl EvidenceFile {
    /// The file name, without any folder, control characters or quotes, shortened to 120
    /// characters; `evidence` when nothing is left.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What its content is.
    pub fn kind(&self) -> EvidenceType {
        self.kind
    }

    /// Its content.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

// A file's name and content can identify the person.
impl std::fmt::Debug for EvidenceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvidenceFile")
            .field("kind", &self.kind)
            .field("bytes", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

/// Checks the files a form sent, as (name, content) pairs: at most [`MAX_FILES`], at most
/// [`MAX_TOTAL_BYTES`] in all, each a PNG, JPEG, PDF or text file by its content. A file
/// input left empty sends one nameless, empty part, which is skipped.
pub fn check(files: Vec<(String, Vec<u8>)>) -> Result<Vec<EvidenceFile>, ValidationError> {
    let files: Vec<_> = files
        .into_iter()
        .filter(|(name, bytes)| !(name.is_empty() && bytes.is_empty()))
        .collect();
    if files.len() > MAX_FILES {
        return Err(ValidationError::new(
            "evidence",
            "evidence.too_many",
            format!("attach at most {MAX_FILES} files"),
        ));
    }
    if files.iter().map(|(_, b)| b.len()).sum::<usize>() > MAX_TOTAL_BYTES {
        return Err(too_large());
    }
    files
        .into_iter()
        .map(|(name, bytes)| {
            let kind = EvidenceType::sniff(&bytes).ok_or_else(|| {
                ValidationError::new(
                    "evidence",
                    "evidence.type",
                    "each file must be a PNG or JPEG image, a PDF or a plain-text file",
                )
            })?;
            Ok(EvidenceFile {
                name: tidy_name(&name),
                kind,
                bytes,
            })
        })
        .collect()
}

/// The error for files over [`MAX_TOTAL_BYTES`] in all, also for a form too large to read.
pub fn too_large() -> ValidationError {
    ValidationError::new(
        "evidence",
        "evidence.too_large",
        "the files may be 10 MiB in all",
    )
}

fn tidy_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let tidy: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\''))
        .take(MAX_NAME)
        .collect();
    match tidy.trim() {
        "" => "evidence".to_owned(),
        t => t.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
        (name.to_owned(), bytes.to_vec())
    }

    #[test]
    fn types_are_told_by_content_not_by_name() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(EvidenceType::sniff(png), Some(EvidenceType::Png));
        assert_eq!(
            EvidenceType::sniff(b"\xFF\xD8\xFF\xE0"),
            Some(EvidenceType::Jpeg)
        );
        assert_eq!(EvidenceType::sniff(b"%PDF-1.7\n"), Some(EvidenceType::Pdf));
        assert_eq!(
            EvidenceType::sniff("Prompt: who is Ada?\r\n\tAnswer: …".as_bytes()),
            Some(EvidenceType::Text)
        );
        for other in [
            &b"MZ\x90\0"[..],
            b"GIF89a\x01\0\x01\0",
            b"text\0with a NUL",
            b"\xC3\x28",
            b"",
        ] {
            assert_eq!(EvidenceType::sniff(other), None, "{other:?}");
        }
        let renamed = check(vec![file("photo.png", b"MZ\x90\0\x03")]);
        assert_eq!(renamed.unwrap_err().code, "evidence.type");
    }

    #[test]
    fn at_most_five_files_and_ten_mebibytes() {
        let six = vec![file("a.txt", b"a"); 6];
        assert_eq!(check(six).unwrap_err().code, "evidence.too_many");
        let five = check(vec![file("a.txt", b"a"); 5]).unwrap();
        assert_eq!(five.len(), 5);
        let half = vec![b'a'; MAX_TOTAL_BYTES / 2];
        let exactly = vec![file("a.txt", &half), file("b.txt", &half)];
        assert_eq!(check(exactly).unwrap().len(), 2);
        let over = vec![
            file("a.txt", &half),
            file("b.txt", &[half.as_slice(), b"a"].concat()),
        ];
        assert_eq!(check(over).unwrap_err().code, "evidence.too_large");
    }

    #[test]
    fn an_empty_file_input_is_no_file_and_names_are_tidied() {
        assert!(check(vec![file("", b"")]).unwrap().is_empty());
        let files = check(vec![
            file("C:\\Users\\ada\\shot \"1\".png", b"\x89PNG\r\n\x1a\n"),
            file("../../etc/passwd\n", b"root"),
            file("/", b"x"),
        ])
        .unwrap();
        let names: Vec<_> = files.iter().map(EvidenceFile::name).collect();
        assert_eq!(names, ["shot 1.png", "passwd", "evidence"]);
        assert_eq!(
            format!("{:?}", files[0]),
            "EvidenceFile { kind: Png, bytes: 8, .. }"
        );
    }
}
