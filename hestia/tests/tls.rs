//! Certificate trust against a real TLS server with a self-signed certificate, as Hestia ships
//! on its panel port: the default (web PKI) refuses it, a pinned fingerprint or the CA file
//! accepts it, and a wrong pin refuses it.
#![allow(clippy::unwrap_used)]

use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::Full;
use hyper::body::Bytes;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};

use hestia::simulator::demo;
use hestia::{cmd, ClientBuilder, Credentials, Error, TlsTrust, UserName};

/// An HTTPS server answering every request like Hestia answers `v-list-web-domains`.
async fn self_signed_server() -> (SocketAddr, Vec<u8>, String) {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let der = certified.cert.der().to_vec();
    let pem = certified.cert.pem();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![CertificateDer::from(der.clone())], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let service = hyper::service::service_fn(|_req| async {
                    let mut res = hyper::Response::new(Full::new(Bytes::from_static(
                        b"{\"example.test\": {\"IP\": \"203.0.113.10\"}}",
                    )));
                    res.headers_mut()
                        .insert("Hestia-Exit-Code", "0".parse().unwrap());
                    Ok::<_, std::convert::Infallible>(res)
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    (addr, der, pem)
}

async fn list_with(trust: TlsTrust, addr: SocketAddr) -> Result<usize, Error> {
    let client = ClientBuilder::new(format!("https://127.0.0.1:{}", addr.port()))
        .trust(trust)
        .build()
        .unwrap();
    let key = Credentials::parse_key_pair(&demo::USER_KEY.pair()).unwrap();
    client
        .run(
            &key,
            &cmd::ListWebDomains {
                user: UserName::new("alice").unwrap(),
            },
        )
        .await
        .map(|d| d.len())
}

#[tokio::test]
async fn self_signed_certificates_need_a_pin_or_their_ca() {
    let (addr, der, pem) = self_signed_server().await;
    let pin: [u8; 32] = Sha256::digest(&der).into();

    assert!(
        matches!(
            list_with(TlsTrust::WebPki, addr).await,
            Err(Error::Unreachable { .. })
        ),
        "not trusted by default"
    );
    assert_eq!(
        list_with(TlsTrust::PinnedSha256(pin), addr).await.unwrap(),
        1,
        "the pinned certificate"
    );
    let mut wrong = pin;
    wrong[0] ^= 1;
    assert!(matches!(
        list_with(TlsTrust::PinnedSha256(wrong), addr).await,
        Err(Error::Unreachable { .. })
    ));

    let ca = std::env::temp_dir().join(format!("hestia-ca-{}.pem", std::process::id()));
    std::fs::write(&ca, pem).unwrap();
    assert_eq!(
        list_with(TlsTrust::CaFile(ca), addr).await.unwrap(),
        1,
        "the CA file"
    );
}
