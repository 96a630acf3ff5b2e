//! Which address a request comes from, for counting failed logins. Behind a reverse proxy every
//! socket is the proxy's, so the proxy's header may be trusted instead, but only when configured:
//! otherwise anyone could write any address into it and never be slowed down.

use crate::config::Settings;
use axum::http::{HeaderMap, HeaderName};
use std::net::{IpAddr, SocketAddr};

/// The client's address: with `PANTAU_TRUSTED_PROXY_HEADER` set, the right-most entry of that
/// header (the one the proxy appended; entries left of it are the client's to write); else, or
/// when the header holds no address, the socket's.
pub fn client_address(
    settings: &Settings,
    headers: &HeaderMap,
    socket: Option<SocketAddr>,
) -> Option<IpAddr> {
    settings
        .trusted_proxy_header
        .as_ref()
        .and_then(|name| rightmost_address(headers, name))
        .or(socket.map(|s| s.ip()))
}

fn rightmost_address(headers: &HeaderMap, name: &HeaderName) -> Option<IpAddr> {
    let last_line = headers.get_all(name).iter().next_back()?.to_str().ok()?;
    let entry = last_line.rsplit(',').next()?.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(lines: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for line in lines {
            map.append("x-forwarded-for", HeaderValue::from_str(line).unwrap());
        }
        map
    }

    fn behind_proxy() -> Settings {
        Settings {
            trusted_proxy_header: Some(HeaderName::from_static("x-forwarded-for")),
            ..Settings::default()
        }
    }

    const SOCKET: &str = "10.0.0.9:40000";

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn without_a_trusted_header_the_socket_address_is_used_and_the_header_ignored() {
        let headers = forwarded(&["203.0.113.7"]);
        assert_eq!(
            client_address(&Settings::default(), &headers, SOCKET.parse().ok()),
            ip("10.0.0.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_entry_is_the_client() {
        let settings = behind_proxy();
        let socket = SOCKET.parse().ok();
        // The client wrote "1.1.1.1"; the proxy appended what it saw.
        let headers = forwarded(&["1.1.1.1, 203.0.113.7"]);
        assert_eq!(
            client_address(&settings, &headers, socket),
            ip("203.0.113.7")
        );
        let headers = forwarded(&["1.1.1.1", "198.51.100.2"]);
        assert_eq!(
            client_address(&settings, &headers, socket),
            ip("198.51.100.2")
        );
        let headers = forwarded(&["[2001:db8::1]:443"]);
        assert_eq!(
            client_address(&settings, &headers, socket),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_a_missing_or_unreadable_header_falls_back_to_the_socket() {
        let settings = behind_proxy();
        let socket = SOCKET.parse().ok();
        assert_eq!(
            client_address(&settings, &HeaderMap::new(), socket),
            ip("10.0.0.9")
        );
        let headers = forwarded(&["1.1.1.1, unknown"]);
        assert_eq!(client_address(&settings, &headers, socket), ip("10.0.0.9"));
    }
}
