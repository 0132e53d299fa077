//! Where webhooks may go. A data system's endpoint is HTTPS on the public internet; private,
//! loopback, link-local (cloud metadata at 169.254.169.254 among them) and other special
//! addresses are refused unless the operator lists their network in
//! `RIGHTFUL_SYSTEM_NETWORKS`. The check runs when a system is registered and again on
//! every connection, after DNS, so a name that later resolves somewhere else is caught.

use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
};

use ipnet::IpNet;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// The networks data systems may be on beyond the public internet.
#[derive(Debug, Clone, Default)]
pub struct SystemNetworks(Arc<[IpNet]>);

impl SystemNetworks {
    /// Allows these networks too.
    pub fn new(networks: Vec<IpNet>) -> Self {
        Self(networks.into())
    }

    /// Whether a webhook may connect to `ip`.
    pub fn allows(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        self.0.iter().any(|net| net.contains(&ip)) || is_public(ip)
    }

    /// Whether plain `http://` may be used for `ip`: only for loopback listed here, which is
    /// a development set-up.
    pub fn allows_plain_http(&self, ip: IpAddr) -> bool {
        ip.is_loopback() && self.0.iter().any(|net| net.contains(&ip))
    }
}

/// An address on the public internet: none of the special-purpose ranges.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
                || (a == 192 && b == 0 && v4.octets()[2] == 0) // IETF protocol assignments
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
        }
    }
}

/// The resolver webhooks use: the system's resolver, keeping only allowed addresses.
pub(crate) struct GuardedResolver(pub SystemNetworks);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let networks = self.0.clone();
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let allowed: Vec<SocketAddr> = found.filter(|a| networks.allows(a.ip())).collect();
            if allowed.is_empty() {
                return Err(
                    "the endpoint resolves only to addresses data systems may not use".into(),
                );
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// Checks an endpoint URL against `networks`: HTTPS (plain HTTP only to allowed loopback),
/// and an IP-literal host must be an allowed address. Names are checked when resolved.
pub fn check_endpoint(url: &str, networks: &SystemNetworks) -> Result<(), &'static str> {
    let parsed = reqwest::Url::parse(url).map_err(|_| "not a valid URL")?;
    let literal = match parsed.host() {
        Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
        Some(url::Host::Domain(name)) if name.eq_ignore_ascii_case("localhost") => {
            Some(IpAddr::from([127, 0, 0, 1]))
        }
        Some(url::Host::Domain(_)) => None,
        None => return Err("the URL has no host"),
    };
    if literal.is_some_and(|ip| !networks.allows(ip)) {
        return Err(
            "that address is private, loopback or link-local; list its network in RIGHTFUL_SYSTEM_NETWORKS to allow it",
        );
    }
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if literal.is_some_and(|ip| networks.allows_plain_http(ip)) => Ok(()),
        _ => Err(
            "data systems are reached over https:// (plain http:// only to a loopback address listed in RIGHTFUL_SYSTEM_NETWORKS, for development)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_https_endpoints_by_default() {
        let none = SystemNetworks::default();
        assert!(check_endpoint("https://crm.example.com/hook", &none).is_ok());
        assert!(check_endpoint("https://93.184.215.14/hook", &none).is_ok());
        for refused in [
            "http://crm.example.com/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://10.1.2.3/hook",
            "https://[fd00::1]/hook",
            "https://[fe80::1]/hook",
            "https://127.0.0.1/hook",
            "https://localhost/hook",
            "https://[::ffff:10.0.0.1]/hook",
            "https://100.64.0.1/hook",
            "https://0.0.0.0/hook",
        ] {
            assert!(check_endpoint(refused, &none).is_err(), "{refused}");
        }
    }

    #[test]
    fn listed_networks_and_development_loopback_are_allowed() {
        let dev = SystemNetworks::new(vec![
            "127.0.0.0/8".parse().unwrap(),
            "10.20.0.0/16".parse().unwrap(),
        ]);
        assert!(check_endpoint("http://127.0.0.1:8081/hook", &dev).is_ok());
        assert!(check_endpoint("https://10.20.3.4/hook", &dev).is_ok());
        assert!(
            check_endpoint("http://10.20.3.4/hook", &dev).is_err(),
            "plain http only to loopback"
        );
        assert!(check_endpoint("https://10.21.0.1/hook", &dev).is_err());
        assert!(check_endpoint("https://169.254.169.254/", &dev).is_err());
    }

    #[tokio::test]
    async fn names_are_checked_when_they_resolve() {
        use std::str::FromStr;
        let refused = GuardedResolver(SystemNetworks::default())
            .resolve(Name::from_str("localhost").unwrap())
            .await;
        assert!(refused.is_err(), "localhost resolves to loopback only");
        let dev = SystemNetworks::new(vec![
            "127.0.0.0/8".parse().unwrap(),
            "::1/128".parse().unwrap(),
        ]);
        let allowed = GuardedResolver(dev)
            .resolve(Name::from_str("localhost").unwrap())
            .await
            .unwrap();
        assert!(allowed.into_iter().all(|a| a.ip().is_loopback()));
    }
}
