//! The load generator: a closed loop for peak throughput and an open loop of
//! fixed rate for latency, both recording into HdrHistogram.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::scenarios::Target;

/// How long one request may take before it counts as an error.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The most requests an open loop has outstanding, hence connections open.
///
/// Without a bound, a rate the generator or the server cannot keep up with
/// opened a connection per waiting request: on 2026-12-04 plain text at 34,000/s
/// left the server holding 20,000 sockets, its limit of open files, after which
/// SQLite could not open the temporary files of a write and every later
/// scenario that writes failed. A request waiting for a slot is still measured
/// from when it was due, so a backlog shows in the percentiles as it should.
const MAX_IN_FLIGHT: usize = 512;

/// A keep-alive HTTP/1.1 client.
#[derive(Clone)]
pub struct Client {
    inner: HyperClient<HttpConnector, Full<Bytes>>,
    base: String,
}

/// One request, as a scenario builds it.
pub struct Call {
    /// GET or POST.
    pub method: &'static str,
    /// Path and query.
    pub path: String,
    /// Cookie header.
    pub cookie: Option<String>,
    /// CSRF header.
    pub csrf: Option<String>,
    /// JSON body.
    pub body: Option<String>,
}

/// What came back.
pub struct Answer {
    /// Status code (0: no answer).
    pub status: u16,
    /// Body.
    pub body: Bytes,
}

impl Client {
    /// A client of the server at `base`.
    pub fn new(base: &str) -> Client {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        Client {
            inner: HyperClient::builder(TokioExecutor::new())
                .pool_max_idle_per_host(usize::MAX)
                .build(connector),
            base: base.to_owned(),
        }
    }

    /// Whether `/healthz` answers 200.
    pub async fn healthy(&self) -> bool {
        let call = Call {
            method: "GET",
            path: "/healthz".into(),
            cookie: None,
            csrf: None,
            body: None,
        };
        self.send(&call).await.status == 200
    }

    /// Sends a request and reads the whole answer.
    pub async fn send(&self, call: &Call) -> Answer {
        let mut builder = axum::http::Request::builder()
            .method(call.method)
            .uri(format!("{}{}", self.base, call.path));
        if let Some(c) = &call.cookie {
            builder = builder.header("cookie", c);
        }
        if let Some(c) = &call.csrf {
            builder = builder.header("x-csrf-token", c);
        }
        let body = match &call.body {
            Some(b) => {
                builder = builder.header("content-type", "application/json");
                Bytes::from(b.clone())
            }
            None => Bytes::new(),
        };
        let Ok(request) = builder.body(Full::new(body)) else {
            return Answer {
                status: 0,
                body: Bytes::new(),
            };
        };
        let exchange = async {
            let response = self.inner.request(request).await.ok()?;
            let status = response.status().as_u16();
            let body = response.into_body().collect().await.ok()?.to_bytes();
            Some(Answer { status, body })
        };
        // A request that is never answered (a connection lost under an open loop
        // at a high rate) counts as an error instead of hanging the run.
        match tokio::time::timeout(REQUEST_TIMEOUT, exchange).await {
            Ok(Some(answer)) => answer,
            _ => Answer {
                status: 0,
                body: Bytes::new(),
            },
        }
    }
}

/// The outcome of one measurement.
pub struct Measurement {
    /// Latencies of answered requests, microseconds.
    pub latency: Histogram<u64>,
    /// Requests answered with 2xx/3xx.
    pub ok: u64,
    /// Requests answered otherwise, or not at all.
    pub errors: u64,
    /// Of those, 409s (version conflicts).
    pub conflicts: u64,
    /// Bytes of the answered requests' bodies (the size of a PDF, say).
    pub body_bytes: u64,
    /// How long it ran.
    pub elapsed: Duration,
}

impl Measurement {
    fn new() -> Self {
        Measurement {
            latency: Histogram::new_with_bounds(1, 120_000_000, 3).expect("histogram bounds"),
            ok: 0,
            errors: 0,
            conflicts: 0,
            body_bytes: 0,
            elapsed: Duration::ZERO,
        }
    }

    fn record(&mut self, answer: &Answer, latency: Duration) {
        let status = answer.status;
        if (200..400).contains(&status) {
            self.ok += 1;
            self.body_bytes += answer.body.len() as u64;
            let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
            let _ = self.latency.record(micros.clamp(1, 120_000_000));
        } else {
            self.errors += 1;
            if status == 409 {
                self.conflicts += 1;
            }
        }
    }

    /// Successful requests per second.
    pub fn throughput(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// A latency percentile in milliseconds.
    pub fn millis(&self, percentile: f64) -> f64 {
        self.latency.value_at_quantile(percentile / 100.0) as f64 / 1000.0
    }
}

/// `connections` clients, each sending its next request as soon as the last one
/// is answered, for `duration`.
pub async fn closed_loop(
    client: &Client,
    target: &Target,
    connections: usize,
    duration: Duration,
) -> Measurement {
    let result = Rc::new(RefCell::new(Measurement::new()));
    let started = Instant::now();
    let deadline = started + duration;
    let local = tokio::task::LocalSet::new();
    for _ in 0..connections {
        let (client, target, result) = (client.clone(), target.clone(), result.clone());
        local.spawn_local(async move {
            while Instant::now() < deadline {
                let Some(call) = target.next() else {
                    tokio::task::yield_now().await;
                    continue;
                };
                let sent = Instant::now();
                let answer = client.send(&call.0).await;
                target.done(call.1, &answer);
                result.borrow_mut().record(&answer, sent.elapsed());
            }
        });
    }
    local.await;
    let mut m = Rc::try_unwrap(result)
        .map(RefCell::into_inner)
        .unwrap_or_else(|rc| {
            let mut copy = Measurement::new();
            std::mem::swap(&mut copy, &mut rc.borrow_mut());
            copy
        });
    m.elapsed = started.elapsed();
    m
}

/// Requests at a fixed `rate` per second for `duration`, each leaving when it is
/// due whatever happened to the ones before. Latency counts from the time a
/// request was due, so that a server stall delays the measurement, not the
/// schedule (no coordinated omission).
pub async fn open_loop(
    client: &Client,
    target: &Target,
    rate: f64,
    duration: Duration,
) -> Measurement {
    let result = Rc::new(RefCell::new(Measurement::new()));
    let in_flight = Rc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    let interval = Duration::from_secs_f64(1.0 / rate);
    let total = (rate * duration.as_secs_f64()) as u64;
    let started = Instant::now();
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            for k in 0..total {
                let due = started + interval.mul_f64(k as f64);
                tokio::time::sleep_until(due.into()).await;
                let (client, target, result) = (client.clone(), target.clone(), result.clone());
                let in_flight = in_flight.clone();
                tokio::task::spawn_local(async move {
                    // Waiting for a slot counts in the latency (it runs from `due`).
                    let Ok(_slot) = in_flight.acquire().await else {
                        return;
                    };
                    // A transition waits for a case no other request is moving.
                    let call = loop {
                        match target.next() {
                            Some(call) => break call,
                            None => tokio::task::yield_now().await,
                        }
                    };
                    let answer = client.send(&call.0).await;
                    target.done(call.1, &answer);
                    result.borrow_mut().record(&answer, due.elapsed());
                });
            }
        })
        .await;
    local.await;
    let mut m = Rc::try_unwrap(result)
        .map(RefCell::into_inner)
        .unwrap_or_else(|rc| {
            let mut copy = Measurement::new();
            std::mem::swap(&mut copy, &mut rc.borrow_mut());
            copy
        });
    m.elapsed = started.elapsed();
    m
}
