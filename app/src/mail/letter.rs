//! A mail as blocks (paragraphs, quotes, a code, links) and its writing out as a plain-text
//! part and an HTML part that say the same.

use backend::exports::escape_html as escape;
use domain::notice::Letter;

use crate::{
    i18n::{Locale, td_string},
    locale,
};

/// A mail before it is written out: its subject and its blocks, in order.
pub(super) struct Draft {
    pub(super) subject: String,
    pub(super) blocks: Vec<Block>,
}

/// One block of a mail's body.
pub(super) enum Block {
    /// A paragraph.
    Para(String),
    /// Someone's own words, quoted.
    Quote(String),
    /// A code to type, alone on its line.
    Code(String),
    /// A link to act on.
    Link { label: String, href: String },
}

impl Draft {
    /// The mail written out: the text part and the HTML part say the same.
    pub(super) fn letter(self, locale: Locale) -> Letter {
        let greeting = td_string!(locale, mail.greeting);
        let sign_off = td_string!(locale, mail.sign_off);
        let why = td_string!(locale, mail.why_you_got_this);
        let mut text = format!("{greeting}\n\n");
        let mut html = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <title>{title}</title></head>\
             <body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1d2330;\
             max-width:36em;margin:0 auto;padding:1em\"><p>{greeting}</p>",
            lang = locale::language_of(locale).as_str(),
            title = escape(&self.subject),
            greeting = escape(greeting),
        );
        for block in &self.blocks {
            block.write_text(&mut text);
            block.write_html(&mut html);
        }
        text.push_str(&format!("{sign_off}\n\n-- \n{why}\n"));
        html.push_str(&format!(
            "<p>{}</p><hr><p style=\"font-size:0.85em;color:#4a5263\">{}</p></body></html>",
            escape(sign_off),
            escape(why)
        ));
        Letter {
            subject: self.subject,
            text,
            html,
        }
    }
}

impl Block {
    fn write_text(&self, out: &mut String) {
        match self {
            Self::Para(text) => out.push_str(text),
            Self::Quote(text) => {
                let quoted = text.lines().map(|l| format!("> {l}")).collect::<Vec<_>>();
                out.push_str(&quoted.join("\n"));
            }
            Self::Code(code) => out.push_str(code),
            Self::Link { label, href } => out.push_str(&format!("{label}: {href}")),
        }
        out.push_str("\n\n");
    }

    fn write_html(&self, out: &mut String) {
        let block = match self {
            Self::Para(text) => format!("<p>{}</p>", escape(text)),
            Self::Quote(text) => format!(
                "<blockquote style=\"border-left:3px solid #c5cad6;margin:1em 0;padding-left:1em;\
                 white-space:pre-wrap\">{}</blockquote>",
                escape(text)
            ),
            Self::Code(code) => format!(
                "<p style=\"font-size:1.75em;letter-spacing:0.2em\"><strong>{}</strong></p>",
                escape(code)
            ),
            Self::Link { label, href } => format!(
                "<p><a href=\"{}\" style=\"color:#1f4fd1\">{}</a></p>",
                escape(href),
                escape(label)
            ),
        };
        out.push_str(&block);
    }
}
