//! The buffered body that every layer of the stack passes along.
//!
//! Platform API requests and responses are JSON documents of bounded size, so
//! the stack buffers them whole. A buffered body can be cloned for a retry or
//! a token refresh and read by the tracing layer without consuming it.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};

/// A fully buffered HTTP body, cheap to clone.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Body {
    bytes: Option<Bytes>,
}

impl Body {
    /// Creates an empty body.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Returns the buffered bytes without consuming the body.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.as_deref().unwrap_or_default()
    }

    /// Returns the buffered bytes as a cheap reference-counted handle.
    pub fn to_bytes(&self) -> Bytes {
        self.bytes.clone().unwrap_or_default()
    }

    /// Returns the length in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Returns true when the body has no bytes.
    pub fn is_empty(&self) -> bool {
        self.as_bytes().is_empty()
    }
}

/// Bodies are never printed, because they may carry credentials; only their
/// length is.
impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body").field("len", &self.len()).finish()
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Self { bytes: Some(bytes) }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes::from(bytes).into()
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Bytes::from(text).into()
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Bytes::from_static(text.as_bytes()).into()
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let frame = self.bytes.take().filter(|bytes| !bytes.is_empty());
        Poll::Ready(frame.map(|bytes| Ok(Frame::data(bytes))))
    }

    fn is_end_stream(&self) -> bool {
        self.bytes.as_ref().is_none_or(Bytes::is_empty)
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn body_yields_bytes_once() {
        let body = Body::from("abc");
        let collected = body.clone().collect().await.unwrap().to_bytes();
        assert_eq!(collected, Bytes::from_static(b"abc"));
        assert_eq!(body.as_bytes(), b"abc");
    }

    #[test]
    fn debug_hides_content() {
        let body = Body::from("client_secret=hunter2");
        assert_eq!(format!("{body:?}"), "Body { len: 21 }");
    }
}
