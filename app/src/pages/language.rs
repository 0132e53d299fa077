//! The language picker in every page's footer: a plain form post that sets the language
//! cookie and comes back to the same page, now in the chosen language.

use domain::Language;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    api::language::SetLanguage,
    i18n::{Locale, td, td_string},
    locale::{locale_of, use_locale},
};

/// Each language named in itself, the page's own chosen.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let locale = use_locale();
    let set = ServerAction::<SetLanguage>::new();
    let location = use_location();
    let search = location.search.get_untracked();
    let back = if search.is_empty() || search.starts_with('?') {
        format!("{}{search}", location.pathname.get_untracked())
    } else {
        format!("{}?{search}", location.pathname.get_untracked())
    };
    let options = Language::ALL
        .iter()
        .map(|&language| {
            let option = locale_of(language);
            view! {
                <option value=language.as_str() lang=language.as_str() selected=option == locale>
                    {autonym(option)}
                </option>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <ActionForm action=set attr:class="language">
            <input type="hidden" name="back" value=back />
            <label for="language">{td!(locale, site.language)}</label>
            <select id="language" name="language">
                {options}
            </select>
            <button type="submit" class="secondary">
                {td!(locale, site.change_language)}
            </button>
        </ActionForm>
    }
}

/// A language's name in that language.
fn autonym(locale: Locale) -> &'static str {
    match locale {
        Locale::en => td_string!(locale, languages.en),
        Locale::de => td_string!(locale, languages.de),
        Locale::fr => td_string!(locale, languages.fr),
        Locale::es => td_string!(locale, languages.es),
    }
}
