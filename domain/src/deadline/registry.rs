//! Which regime, legal time zone and holiday calendar apply to a jurisdiction code
//! (the tables in docs/legal.md).

use chrono_tz::Tz;

use super::{calendar::Calendar, holidays_data as data};
use crate::JurisdictionCode;

/// A US state privacy law from docs/legal.md's table: calendar days from receipt, no roll.
#[derive(Debug)]
pub(crate) struct StateLaw {
    /// The act's usual short name, e.g. `VCDPA`.
    pub(crate) act: &'static str,
    /// Days to respond.
    pub(crate) respond: u32,
    /// Further days an extension adds.
    pub(crate) extension: u32,
    /// Days to decide an appeal; `None` where the law gives no appeal right.
    pub(crate) appeal: Option<u32>,
}

/// The law that sets the deadlines.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Regime {
    /// EU GDPR, also applied in the EEA.
    Gdpr,
    /// UK GDPR.
    UkGdpr,
    /// California's CCPA/CPRA.
    Ccpa,
    /// Another US state's law.
    UsState(&'static StateLaw),
    /// Brazil's LGPD.
    Lgpd,
    /// Canada's PIPEDA.
    Pipeda,
    /// Québec's Law 25.
    Law25,
    /// No statutory deadline known: the caller's default period.
    Default,
}

/// Everything the engine needs to know about one jurisdiction.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Jurisdiction {
    /// The law.
    pub(crate) regime: Regime,
    /// The legal time zone.
    pub(crate) tz: Tz,
    /// Public holidays, where the regime rolls or counts business days.
    pub(crate) calendar: Option<Calendar>,
    /// A note for the trail about how the code was read, if it needed reading.
    pub(crate) note: Option<&'static str>,
}

const fn law(act: &'static str, respond: u32, appeal: Option<u32>) -> StateLaw {
    StateLaw {
        act,
        respond,
        extension: 45,
        appeal,
    }
}

static VA: StateLaw = law("VCDPA", 45, Some(60));
static CT: StateLaw = law("CTDPA", 45, Some(60));
static TX: StateLaw = law("TDPSA", 45, Some(60));
static NJ: StateLaw = law("NJDPA", 45, Some(60));
static UT: StateLaw = law("UCPA", 45, None);
static MT: StateLaw = law("MTCDPA", 45, Some(60));
static DE: StateLaw = law("DPDPA", 45, Some(60));
static NH: StateLaw = law("NHPA", 45, Some(60));
static TN: StateLaw = law("TIPA", 45, Some(60));
static MD: StateLaw = law("MODPA", 45, Some(60));
static IN: StateLaw = law("INCDPA", 45, Some(60));
static KY: StateLaw = law("KCDPA", 45, Some(60));
static NE: StateLaw = law("NDPA", 45, Some(60));
static RI: StateLaw = law("RIDTPPA", 45, Some(60));
static CO: StateLaw = law("CPA", 45, Some(45));
static OR: StateLaw = law("OCPA", 45, Some(45));
static MN: StateLaw = law("MNCDPA", 45, Some(45));
static IA: StateLaw = law("ICDPA", 90, Some(60));

const fn cal(name: &'static str, days: &'static [(u16, u16)]) -> Option<Calendar> {
    Some(Calendar { name, days })
}

fn juris(regime: Regime, tz: Tz, calendar: Option<Calendar>) -> Jurisdiction {
    Jurisdiction {
        regime,
        tz,
        calendar,
        note: None,
    }
}

fn us_state(code: &str) -> Option<(&'static StateLaw, Tz)> {
    use Tz::{America__Chicago as CHI, America__Denver as DEN, America__New_York as NY};
    Some(match code {
        "US-VA" => (&VA, NY),
        "US-CT" => (&CT, NY),
        "US-NJ" => (&NJ, NY),
        "US-DE" => (&DE, NY),
        "US-NH" => (&NH, NY),
        "US-MD" => (&MD, NY),
        "US-KY" => (&KY, NY),
        "US-RI" => (&RI, NY),
        "US-TX" => (&TX, CHI),
        "US-IA" => (&IA, CHI),
        "US-MN" => (&MN, CHI),
        "US-TN" => (&TN, CHI),
        "US-NE" => (&NE, CHI),
        "US-CO" => (&CO, DEN),
        "US-UT" => (&UT, DEN),
        "US-MT" => (&MT, DEN),
        "US-OR" => (&OR, Tz::America__Los_Angeles),
        "US-IN" => (&IN, Tz::America__Indiana__Indianapolis),
        _ => return None,
    })
}

/// A member state: ISO code, the capital's zone, the calendar's name and its holidays.
type Member = (&'static str, Tz, &'static str, &'static [(u16, u16)]);

/// The EU's 27 member states and the EEA's other three.
#[rustfmt::skip]
static EEA: [Member; 30] = {
    use data as d;
    [
        ("AT", Tz::Europe__Vienna, "public holidays of Austria", d::AT),
        ("BE", Tz::Europe__Brussels, "public holidays of Belgium", d::BE),
        ("BG", Tz::Europe__Sofia, "public holidays of Bulgaria", d::BG),
        ("HR", Tz::Europe__Zagreb, "public holidays of Croatia", d::HR),
        ("CY", Tz::Asia__Nicosia, "public holidays of Cyprus", d::CY),
        ("CZ", Tz::Europe__Prague, "public holidays of Czechia", d::CZ),
        ("DK", Tz::Europe__Copenhagen, "public holidays of Denmark", d::DK),
        ("EE", Tz::Europe__Tallinn, "public holidays of Estonia", d::EE),
        ("FI", Tz::Europe__Helsinki, "public holidays of Finland", d::FI),
        ("FR", Tz::Europe__Paris, "public holidays of France", d::FR),
        ("DE", Tz::Europe__Berlin, "public holidays of Germany", d::DE),
        ("GR", Tz::Europe__Athens, "public holidays of Greece", d::GR),
        ("HU", Tz::Europe__Budapest, "public holidays of Hungary", d::HU),
        ("IE", Tz::Europe__Dublin, "public holidays of Ireland", d::IE),
        ("IT", Tz::Europe__Rome, "public holidays of Italy", d::IT),
        ("LV", Tz::Europe__Riga, "public holidays of Latvia", d::LV),
        ("LT", Tz::Europe__Vilnius, "public holidays of Lithuania", d::LT),
        ("LU", Tz::Europe__Luxembourg, "public holidays of Luxembourg", d::LU),
        ("MT", Tz::Europe__Malta, "public holidays of Malta", d::MT),
        ("NL", Tz::Europe__Amsterdam, "public holidays of the Netherlands", d::NL),
        ("PL", Tz::Europe__Warsaw, "public holidays of Poland", d::PL),
        ("PT", Tz::Europe__Lisbon, "public holidays of Portugal", d::PT),
        ("RO", Tz::Europe__Bucharest, "public holidays of Romania", d::RO),
        ("SK", Tz::Europe__Bratislava, "public holidays of Slovakia", d::SK),
        ("SI", Tz::Europe__Ljubljana, "public holidays of Slovenia", d::SI),
        ("ES", Tz::Europe__Madrid, "public holidays of Spain", d::ES),
        ("SE", Tz::Europe__Stockholm, "public holidays of Sweden", d::SE),
        ("IS", Tz::Atlantic__Reykjavik, "public holidays of Iceland", d::IS),
        ("LI", Tz::Europe__Vaduz, "public holidays of Liechtenstein", d::LI),
        ("NO", Tz::Europe__Oslo, "public holidays of Norway", d::NO),
    ]
};

fn eea(country: &str) -> Option<(Tz, Option<Calendar>)> {
    let &(_, tz, name, days) = EEA.iter().find(|entry| entry.0 == country)?;
    Some((tz, cal(name, days)))
}

const UK_NATION_UNKNOWN: &str = "the UK nation is not known from the code: bank holidays \
    common to England & Wales, Scotland and Northern Ireland are used (the earliest reading)";
const EEA_REGION: &str = "a subdivision of an EU/EEA member state: GDPR with that state's \
    legal time zone and national public holidays (regional holidays are not included)";
const CA_PROVINCE: &str = "a Canadian province or territory other than Québec: PIPEDA, the \
    federal law, in America/Toronto (provincial laws such as BC's and Alberta's PIPA are not \
    modelled)";

/// The rules for `code`. Codes docs/legal.md does not cover get [`Regime::Default`] in UTC.
pub(crate) fn resolve(code: &JurisdictionCode) -> Jurisdiction {
    let london = Tz::Europe__London;
    let s = code.as_str();
    match s {
        "GB-ENG" | "GB-WLS" | "GB-EAW" => {
            let days = cal("England & Wales bank holidays", data::GB_EAW);
            return juris(Regime::UkGdpr, london, days);
        }
        "GB-SCT" => {
            return juris(
                Regime::UkGdpr,
                london,
                cal("Scotland bank holidays", data::GB_SCT),
            );
        }
        "GB-NIR" => {
            let days = cal("Northern Ireland bank holidays", data::GB_NIR);
            return juris(Regime::UkGdpr, london, days);
        }
        "US-CA" => {
            let days = cal("US federal holidays on observed dates", data::US_FED);
            return juris(Regime::Ccpa, Tz::America__Los_Angeles, days);
        }
        "CA-QC" => return juris(Regime::Law25, Tz::America__Toronto, None),
        _ => {}
    }
    if let Some((law, tz)) = us_state(s) {
        return juris(Regime::UsState(law), tz, None);
    }
    let subdivision = s.len() > 2;
    let (regime, tz, calendar, note) = match code.country() {
        "GB" => {
            let days = cal("bank holidays common to all UK nations", data::GB_UK);
            (Regime::UkGdpr, london, days, Some(UK_NATION_UNKNOWN))
        }
        "BR" => (Regime::Lgpd, Tz::America__Sao_Paulo, None, None),
        "CA" => (
            Regime::Pipeda,
            Tz::America__Toronto,
            None,
            subdivision.then_some(CA_PROVINCE),
        ),
        country => match eea(country) {
            Some((tz, days)) => (Regime::Gdpr, tz, days, subdivision.then_some(EEA_REGION)),
            None => (Regime::Default, Tz::UTC, None, None),
        },
    };
    Jurisdiction {
        regime,
        tz,
        calendar,
        note,
    }
}
