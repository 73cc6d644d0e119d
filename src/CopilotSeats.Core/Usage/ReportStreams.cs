using System.IO.Compression;

namespace CopilotSeats.Usage
{
    /// <summary>Stream helpers for report downloads: a per-read idle timeout, and gzip bodies recognised by their magic bytes.</summary>
    internal static class ReportStreams
    {
        /// <summary>
        /// The body to read lines from: gzip is decoded when the bytes say so (1F 8B), whatever the headers
        /// (blob stores serve .ndjson.gz files as application/gzip without Content-Encoding).
        /// </summary>
        public static async Task<Stream> DecodeAsync(Stream body, CancellationToken cancellationToken)
        {
            var head = new byte[2];
            int got = 0;
            while (got < head.Length)
            {
                int read = await body.ReadAsync(head, got, head.Length - got, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                got += read;
            }
            Stream replay = new PrefixedStream(head, got, body);
            return got == 2 && head[0] == 0x1F && head[1] == 0x8B ? new GZipStream(replay, CompressionMode.Decompress) : replay;
        }

        /// <summary>A stream that gives back bytes already read, then the rest of the inner stream.</summary>
        private sealed class PrefixedStream : ReadOnlyStream
        {
            private readonly byte[] _prefix;
            private readonly int _count;
            private readonly Stream _inner;
            private int _offset;

            public PrefixedStream(byte[] prefix, int count, Stream inner) { _prefix = prefix; _count = count; _inner = inner; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_offset < _count) return TakePrefix(buffer, offset, count);
                return _inner.Read(buffer, offset, count);
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                if (_offset < _count) return Task.FromResult(TakePrefix(buffer, offset, count));
                return _inner.ReadAsync(buffer, offset, count, cancellationToken);
            }

            private int TakePrefix(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(count, _count - _offset);
                Buffer.BlockCopy(_prefix, _offset, buffer, offset, n);
                _offset += n;
                return n;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>Wraps a response body: each read must bring bytes within the timeout (a stalled download is a <see cref="TimeoutException"/>).</summary>
    internal sealed class IdleTimeoutStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly TimeSpan _timeout;

        public IdleTimeoutStream(Stream inner, TimeSpan timeout) { _inner = inner; _timeout = timeout; }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            // Older runtimes ignore the token on a socket read: closing the stream ends the read.
            using CancellationTokenRegistration abort = timeout.Token.Register(() => _inner.Dispose());
            try
            {
                return await _inner.ReadAsync(buffer, offset, count, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No data for {_timeout.TotalSeconds:0} s.", ex);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
