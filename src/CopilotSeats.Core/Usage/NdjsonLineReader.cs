namespace CopilotSeats.Usage
{
    /// <summary>One line of an NDJSON file: its 1-based number and its bytes (no line ending), valid until the next read.</summary>
    public readonly struct NdjsonLine
    {
        public NdjsonLine(long number, ReadOnlyMemory<byte> bytes, bool tooLong)
        {
            Number = number;
            Bytes = bytes;
            TooLong = tooLong;
        }

        public long Number { get; }
        public ReadOnlyMemory<byte> Bytes { get; }
        /// <summary>The line was longer than the reader's maximum; <see cref="Bytes"/> is empty and the line was skipped whole.</summary>
        public bool TooLong { get; }
    }

    /// <summary>
    /// Streams the lines of an NDJSON (JSON Lines) file from a stream with one fixed buffer: a line split across
    /// buffer boundaries is put together, LF and CRLF both end a line, blank (whitespace-only) lines are skipped
    /// but counted, a UTF-8 byte order mark at the start is dropped, and a last line without a line ending is
    /// still a line. A line longer than the buffer grows a separate accumulator, up to a maximum beyond which
    /// the line is skipped and reported as too long. Memory: the buffer plus the longest line.
    /// </summary>
    public sealed class NdjsonLineReader
    {
        public const int DefaultBufferSize = 64 * 1024;
        public const int DefaultMaxLineLength = 64 * 1024 * 1024;

        private readonly Stream _stream;
        private readonly byte[] _buffer;
        private readonly int _maxLineLength;
        private int _start;
        private int _end;
        private bool _eof;
        private long _lineNumber;
        private byte[]? _long;
        private int _longLength;
        private bool _discarding;
        private long _bytesRead;

        public NdjsonLineReader(Stream stream, int bufferSize = DefaultBufferSize, int maxLineLength = DefaultMaxLineLength)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (bufferSize < 16) throw new ArgumentOutOfRangeException(nameof(bufferSize));
            _buffer = new byte[bufferSize];
            _maxLineLength = Math.Max(1, maxLineLength);
        }

        /// <summary>Called before the reader waits for more bytes from the stream (a good moment to hand on what was parsed).</summary>
        public Func<Task>? BeforeRead { get; set; }

        /// <summary>Bytes read from the stream so far.</summary>
        public long BytesRead => _bytesRead;

        /// <summary>The next line that is not blank, or null at the end of the stream.</summary>
        public async Task<NdjsonLine?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                int newline = _end > _start ? new ReadOnlySpan<byte>(_buffer, _start, _end - _start).IndexOf((byte)'\n') : -1;
                if (newline >= 0)
                {
                    int lineEnd = _start + newline;
                    NdjsonLine? line = Complete(_buffer, _start, lineEnd - _start);
                    _start = lineEnd + 1;
                    if (line.HasValue) return line;
                    continue;
                }
                if (_eof)
                {
                    if (_end > _start || _longLength > 0 || _discarding)
                    {
                        NdjsonLine? last = Complete(_buffer, _start, _end - _start);
                        _start = _end;
                        if (last.HasValue) return last;
                    }
                    return null;
                }
                // No line ending in the buffer: keep the partial line, then read more.
                if (_start > 0)
                {
                    int partial = _end - _start;
                    if (partial > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, partial);
                    _start = 0;
                    _end = partial;
                }
                if (_end == _buffer.Length)
                {
                    Accumulate(_buffer, 0, _end);
                    _start = _end = 0;
                }
                if (BeforeRead != null) await BeforeRead().ConfigureAwait(false);
                int read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
                if (read == 0) _eof = true;
                else
                {
                    _end += read;
                    _bytesRead += read;
                }
            }
        }

        /// <summary>Ends the current line with <paramref name="count"/> more bytes; null when it is blank.</summary>
        private NdjsonLine? Complete(byte[] source, int offset, int count)
        {
            _lineNumber++;
            if (_discarding || (long)_longLength + count > _maxLineLength)
            {
                _discarding = false;
                _longLength = 0;
                return new NdjsonLine(_lineNumber, ReadOnlyMemory<byte>.Empty, tooLong: true);
            }
            ReadOnlyMemory<byte> bytes;
            if (_longLength > 0)
            {
                Accumulate(source, offset, count);
                bytes = new ReadOnlyMemory<byte>(_long, 0, _longLength);
                _longLength = 0; // the bytes stay valid until the next read
            }
            else bytes = new ReadOnlyMemory<byte>(source, offset, count);

            if (_lineNumber == 1 && bytes.Length >= 3 && bytes.Span[0] == 0xEF && bytes.Span[1] == 0xBB && bytes.Span[2] == 0xBF)
                bytes = bytes.Slice(3);
            if (bytes.Length > 0 && bytes.Span[bytes.Length - 1] == (byte)'\r') bytes = bytes.Slice(0, bytes.Length - 1);
            return IsBlank(bytes.Span) ? (NdjsonLine?)null : new NdjsonLine(_lineNumber, bytes, tooLong: false);
        }

        private void Accumulate(byte[] source, int offset, int count)
        {
            if (_discarding) return;
            if ((long)_longLength + count > _maxLineLength)
            {
                _discarding = true;
                _longLength = 0;
                _long = null;
                return;
            }
            if (_long is null || _long.Length < _longLength + count)
            {
                long size = Math.Max(_buffer.Length * 2L, (_long?.Length ?? 0) * 2L);
                while (size < _longLength + count) size *= 2;
                var grown = new byte[(int)Math.Min(size, _maxLineLength)];
                if (_longLength > 0) Buffer.BlockCopy(_long!, 0, grown, 0, _longLength);
                _long = grown;
            }
            Buffer.BlockCopy(source, offset, _long, _longLength, count);
            _longLength += count;
        }

        private static bool IsBlank(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r') return false;
            return true;
        }
    }
}
