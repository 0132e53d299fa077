//! Where a request came from: the client's address, read from `X-Forwarded-For` only when
//! the connection comes from a configured proxy (`RIGHTFUL_TRUSTED_PROXIES`), otherwise the
//! TCP peer. Every per-client limit keys on it.

use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    sync::Arc,
};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::HeaderMap,
    middleware::Next,
    response::Response,
};
use backend::auth::Client;
use ipnet::IpNet;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Default)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// Trusts these networks.
    pub fn new(networks: Vec<IpNet>) -> Self {
        Self(networks.into())
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`: walking `X-Forwarded-For` from the nearest hop outwards,
    /// the first address that is not a trusted proxy. A malformed entry stops the walk at
    /// the last trusted hop, which is the furthest address known to be true.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let hops = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else {
                break;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

/// The hosts requests may name: the authority of `RIGHTFUL_PUBLIC_URL`. Any host when unset
/// (in-process tests).
#[derive(Clone, Default)]
pub struct AllowedHosts(Option<Arc<str>>);

impl AllowedHosts {
    /// Only the host (and port) of `public_url`, e.g. `privacy.example.com`.
    pub fn of(public_url: &str) -> Self {
        let authority = public_url
            .split_once("://")
            .map_or(public_url, |(_, rest)| rest)
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Self(Some(authority.into()))
    }

    fn allows(&self, host: &str) -> bool {
        self.0
            .as_deref()
            .is_none_or(|allowed| allowed.eq_ignore_ascii_case(host))
    }
}

/// Refuses a request naming a host other than the public URL's with 421, so that a page is
/// never served under a name an attacker chose (DNS rebinding, poisoned links). `/healthz`
/// answers whatever the host, for load balancers that probe by address.
pub async fn check_host(
    State(hosts): State<AllowedHosts>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    match host {
        Some(host) if request.uri().path() != "/healthz" && !hosts.allows(host) => {
            crate::http::security::refuse(
                axum::http::StatusCode::MISDIRECTED_REQUEST,
                "unknown_host",
                "This server does not answer for that host name.",
            )
        }
        _ => next.run(request).await,
    }
}

/// Parses the setting `name`: addresses or CIDR networks, separated by commas.
pub fn parse_networks(name: &str, text: &str) -> Result<Vec<IpNet>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{name}: {s:?} is not an address or network"))
        })
        .collect()
}

/// Resolves the request's [`Client`] and puts it in the request's extensions.
pub async fn resolve_client(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    let client = Client::new(proxies.client(peer, request.headers()));
    request.extensions_mut().insert(client);
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxies = TrustedProxies::new(parse_networks("X", "10.0.0.0/8, 192.0.2.1").unwrap());
        let spoofed = forwarded("1.2.3.4");
        assert_eq!(
            proxies.client(ip("203.0.113.5"), &spoofed),
            ip("203.0.113.5")
        );
        assert_eq!(proxies.client(ip("10.1.2.3"), &spoofed), ip("1.2.3.4"));
        let chain = forwarded("6.6.6.6, 198.51.100.7, 192.0.2.1");
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &chain),
            ip("198.51.100.7"),
            "the left part is the client's own claim"
        );
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &forwarded("junk, 192.0.2.1")),
            ip("192.0.2.1")
        );
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &HeaderMap::new()),
            ip("10.1.2.3")
        );
        assert!(parse_networks("X", "10.0.0.0/33").is_err());
        assert!(parse_networks("X", "").unwrap().is_empty());
    }

    #[test]
    fn only_the_public_host_is_allowed() {
        let hosts = AllowedHosts::of("https://Privacy.Example.com/portal");
        assert!(hosts.allows("privacy.example.com"));
        assert!(!hosts.allows("evil.example"));
        assert!(!hosts.allows("privacy.example.com:8443"));
        assert!(AllowedHosts::of("http://127.0.0.1:3000").allows("127.0.0.1:3000"));
        assert!(AllowedHosts::default().allows("anything"));
    }
}
