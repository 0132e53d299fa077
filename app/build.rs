//! Generates the `i18n` module from the locale files in `locales/`: the `Locale` enum and
//! a checked accessor per key. A key missing from a language fails the build.

use std::{error::Error, path::PathBuf};

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos, options::CodegenOptions};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    // Interpolations also render to strings: mails, attributes and titles need them.
    let options = ParseOptions::default().interpolate_display(true);
    let config = Config::new("en")?
        .add_locale("de")?
        .add_locale("fr")?
        .add_locale("es")?
        .parse_options(options);
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    let attributes =
        "#![allow(missing_docs, clippy::all, clippy::expect_used, clippy::unwrap_used)]".parse()?;
    let codegen = CodegenOptions::new().top_level_attributes(Some(attributes));
    translations.generate_i18n_module_with_options(out, codegen)?;
    Ok(())
}
