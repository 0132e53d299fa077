//! Who is on the other end of a sign-in: the client's network, for per-client limits, and
//! the language their page is in, for the code's mail and the person's later mails.

use std::net::IpAddr;

use domain::Language;

/// The client's address as the HTTP edge resolved it (behind trusted proxies, from
/// `X-Forwarded-For`), and their page's language. The address is personal data: redacted in
/// `Debug`, and only its keyed hash is stored.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Client(IpAddr, Language);

impl Client {
    /// Wraps the client's address; the language is the default until [`Client::speaking`].
    pub fn new(ip: IpAddr) -> Self {
        Self(ip, Language::default())
    }

    /// The same client, reading `language`.
    pub fn speaking(self, language: Language) -> Self {
        Self(self.0, language)
    }

    /// The language the client's page is in.
    pub fn language(&self) -> Language {
        self.1
    }

    /// The network that limits apply to: the address itself for IPv4, and its /64 for IPv6,
    /// since one IPv6 host commonly holds a whole /64 and could rotate through it.
    pub fn network(&self) -> IpAddr {
        match self.0 {
            IpAddr::V4(v4) => IpAddr::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let mut octets = v6.octets();
                    octets[8..].fill(0);
                    IpAddr::from(octets)
                }
            },
        }
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Client(<redacted>, {})", self.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        let a = Client::new("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = Client::new("2001:db8:1:2:bbbb::9".parse().unwrap());
        let other = Client::new("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a.network(), b.network());
        assert_ne!(a.network(), other.network());
        assert_eq!(a.network().to_string(), "2001:db8:1:2::");
        let v4 = Client::new("203.0.113.7".parse().unwrap());
        assert_eq!(v4.network().to_string(), "203.0.113.7");
        let mapped = Client::new("::ffff:203.0.113.7".parse().unwrap());
        assert_eq!(mapped.network(), v4.network());
        assert_eq!(format!("{a:?}"), "Client(<redacted>, en)");
    }
}
