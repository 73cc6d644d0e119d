using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CopilotSeats.Http;

namespace CopilotSeats.Usage
{
    /// <summary>
    /// One run over a report's files, one file at a time and in link order (so records come out in file order and a
    /// consumer that stops early costs no further request). Each file is streamed: lines are parsed as they arrive
    /// and handed on in batches, a batch at the latest whenever the reader is about to wait for the network, so the
    /// first record reaches the consumer before its file has finished downloading; each hand-over is awaited, so
    /// memory stays at one buffer and one batch.
    /// </summary>
    /// <remarks>
    /// Failures: a download is retried like a GET (500/502/503/504, a dropped connection, a timeout), with the
    /// engine's backoff, up to MaxRetries times in a row without progress. A 401 or 403 from the download host
    /// means the signature expired or was refused: fresh links are asked for once, and the run resumes with the
    /// file not yet finished; a file read again is read from its start and its lines already handled are skipped by
    /// line number, so no record is written twice or lost. Another refusal before any new line is an error.
    /// While a file is read it holds one of the engine's ThrottleLimit slots.
    /// </remarks>
    internal sealed class UsageReportReader
    {
        internal const int BatchSize = 1000;

        /// <summary>Fresh links asked for in one run at most: a few per file (each file must fit in a link's lifetime).</summary>
        internal static int MaxRefreshes(int files) => 3 * files + 2;

        private readonly RequestEngine _engine;
        private readonly ReportDownloadClient _files;
        private readonly Func<CancellationToken, Task<UsageReportLinks>> _freshLinks;
        private readonly Func<ReadOnlyMemory<byte>, object> _map;
        private readonly Func<IReadOnlyList<object>, CancellationToken, Task> _onRecords;
        private readonly Func<CopilotException, CancellationToken, Task>? _onBadLine;
        private readonly string _subject;
        private readonly object? _target;
        private List<object> _batch = new List<object>(BatchSize);
        private long _records;
        private long _badLines;
        private int _refreshes;
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private int _progressFile;

        public UsageReportReader(RequestEngine engine, ReportDownloadClient files, Func<CancellationToken, Task<UsageReportLinks>> freshLinks,
            Func<ReadOnlyMemory<byte>, object> map, Func<IReadOnlyList<object>, CancellationToken, Task> onRecords,
            Func<CopilotException, CancellationToken, Task>? onBadLine, string subject, object? target)
        {
            _engine = engine; _files = files; _freshLinks = freshLinks; _map = map; _onRecords = onRecords; _onBadLine = onBadLine;
            _subject = subject; _target = target;
        }

        private CopilotClientOptions Options => _engine.Options;

        public async Task<UsageReportResult> RunAsync(UsageReportLinks links, CancellationToken cancellationToken)
        {
            foreach (Uri link in links.Links) ReportDownloadClient.EnsureAllowed(link, _target);
            IReadOnlyList<Uri> current = links.Links;
            int files = current.Count;
            for (int i = 0; i < files; i++)
            {
                var file = new FileState(i + 1, files);
                int failures = 0;
                bool refreshedWithoutProgress = false;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    long before = file.Done;
                    file.LinesRead = 0;
                    Attempt attempt = await ReadFileAsync(file, current[i], cancellationToken).ConfigureAwait(false);
                    if (file.Done > before) failures = 0;
                    if (file.LinesRead > 0) refreshedWithoutProgress = false; // the link worked: a later refusal is a new expiry
                    if (attempt.Outcome == AttemptOutcome.Completed) break;
                    if (attempt.Outcome == AttemptOutcome.Refused)
                    {
                        if (refreshedWithoutProgress || _refreshes >= MaxRefreshes(files))
                            throw new CopilotException("CopilotSeats.DownloadRefused", CopilotErrorCategory.PermissionDenied, _target,
                                $"The download host refused file {file.Number} of the {_subject} ({ReportDownloadClient.Redact(current[i])}) with {attempt.Status}, even with fresh links from GitHub.")
                            { RecommendedAction = "Run the command again later." };
                        refreshedWithoutProgress = true;
                        _refreshes++;
                        Options.Verbose?.Invoke($"The download host answered {attempt.Status} to file {file.Number} of {files} ({ReportDownloadClient.Redact(current[i])}): the link expired or was refused; asking GitHub for fresh links and resuming after line {file.Done}.");
                        await FlushAsync(cancellationToken).ConfigureAwait(false);
                        UsageReportLinks fresh = await _freshLinks(cancellationToken).ConfigureAwait(false);
                        if (fresh.NoData || fresh.Links.Count != files)
                            throw new CopilotException("CopilotSeats.ReportChanged", CopilotErrorCategory.InvalidData, _target,
                                $"GitHub's fresh links for the {_subject} name {fresh.Links.Count} file(s) instead of {files}: the report changed while it was read.")
                            { RecommendedAction = "Run the command again." };
                        foreach (Uri link in fresh.Links) ReportDownloadClient.EnsureAllowed(link, _target);
                        current = fresh.Links;
                        continue;
                    }
                    // Retryable: the same rules as a GET.
                    if (++failures > Options.MaxRetries)
                        throw DownloadFailed(file, current[i], attempt);
                    TimeSpan delay = _engine.BackoffDelay(failures);
                    Options.Verbose?.Invoke($"Retry {failures} of {Options.MaxRetries} for file {file.Number} of {files} ({ReportDownloadClient.Redact(current[i])}) after {attempt.Reason}; waiting {delay.TotalMilliseconds:0} ms, then resuming after line {file.Done}.");
                    await Options.Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            Options.UsageProgress?.Invoke(new UsageDownloadProgress(_subject, files, files, _records, 0, null, completed: true));
            return new UsageReportResult(links, _records, _badLines, _refreshes);
        }

        /// <summary>A file's number and the lines of it handled so far (written, or reported as bad).</summary>
        private sealed class FileState
        {
            public FileState(int number, int of) { Number = number; Of = of; }
            public int Number { get; }
            public int Of { get; }
            public long Done;
            /// <summary>Lines read (skipped ones included) by the current attempt.</summary>
            public long LinesRead;
        }

        private enum AttemptOutcome { Completed, Refused, Retryable }

        private sealed class Attempt
        {
            public Attempt(AttemptOutcome outcome, int status, string reason, Exception? failure = null, bool timedOut = false)
            {
                Outcome = outcome; Status = status; Reason = reason; Failure = failure; TimedOut = timedOut;
            }
            public AttemptOutcome Outcome { get; }
            public int Status { get; }
            public string Reason { get; }
            public Exception? Failure { get; }
            public bool TimedOut { get; }
        }

        private async Task<Attempt> ReadFileAsync(FileState file, Uri url, CancellationToken cancellationToken)
        {
            using IDisposable slot = await _engine.AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            ReportDownload answer;
            try
            {
                answer = await _files.OpenAsync(url, Options.RequestTimeout, _target, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                return Failed(ex, url, "GET", watch);
            }
            using (answer)
            {
                Options.Verbose?.Invoke($"GET {ReportDownloadClient.Redact(url)} -> {answer.Status} in {watch.ElapsedMilliseconds} ms (report file {file.Number} of {file.Of})");
                if (answer.Status == 401 || answer.Status == 403)
                    return new Attempt(AttemptOutcome.Refused, answer.Status, answer.Status.ToString(CultureInfo.InvariantCulture));
                if (answer.Status is 500 or 502 or 503 or 504 or 429)
                    return new Attempt(AttemptOutcome.Retryable, answer.Status, answer.Status.ToString(CultureInfo.InvariantCulture));
                if (answer.Status < 200 || answer.Status > 299)
                    throw new CopilotException("CopilotSeats.DownloadFailed", ErrorMapper.CategoryFor(answer.Status), _target,
                        $"The download host answered {answer.Status} to file {file.Number} of {file.Of} of the {_subject} ({ReportDownloadClient.Redact(url)}).")
                    { RecommendedAction = "Run the command again later." };
                long? length = answer.ContentLength;
                try
                {
                    using Stream body = await answer.OpenBodyAsync(Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                    var reader = new NdjsonLineReader(body);
                    reader.BeforeRead = () =>
                    {
                        // At most five progress updates a second, and one whenever a new file starts.
                        if (Options.UsageProgress != null && (_progressFile != file.Number || _sinceProgress.ElapsedMilliseconds >= 200))
                        {
                            _progressFile = file.Number;
                            _sinceProgress.Restart();
                            Options.UsageProgress(new UsageDownloadProgress(_subject, file.Number, file.Of, _records + _batch.Count, reader.BytesRead, length, completed: false));
                        }
                        return FlushAsync(cancellationToken);
                    };
                    while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is NdjsonLine line)
                    {
                        file.LinesRead++;
                        if (line.Number <= file.Done) continue; // written before the file was read again
                        await HandleAsync(line, file, cancellationToken).ConfigureAwait(false);
                        file.Done = line.Number;
                        if (_batch.Count >= BatchSize) await FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
                {
                    return Failed(ex, url, "reading", watch);
                }
            }
            return new Attempt(AttemptOutcome.Completed, 200, "done");
        }

        private Attempt Failed(Exception ex, Uri url, string during, Stopwatch watch)
        {
            bool timedOut = ex is TimeoutException;
            string reason = timedOut ? "a timeout (" + ex.Message + ")" : "a dropped connection (" + ReportDownloadClient.Scrub(Innermost(ex), url) + ")";
            Options.Verbose?.Invoke($"GET {ReportDownloadClient.Redact(url)} -> {reason} while {during} after {watch.ElapsedMilliseconds} ms");
            return new Attempt(AttemptOutcome.Retryable, 0, reason, ex, timedOut);
        }

        private static bool IsTransient(Exception ex) =>
            ex is HttpRequestException || ex is IOException || ex is TimeoutException || ex is ObjectDisposedException || ex is InvalidDataException
            || ex is OperationCanceledException;

        private async Task HandleAsync(NdjsonLine line, FileState file, CancellationToken cancellationToken)
        {
            object record;
            try
            {
                if (line.TooLong) throw new JsonException($"the line is longer than {NdjsonLineReader.DefaultMaxLineLength / (1024 * 1024)} MB");
                record = _map(line.Bytes);
            }
            catch (Exception ex) when (ex is JsonException || ex is System.Text.DecoderFallbackException || ex is ArgumentException)
            {
                _badLines++;
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                var error = new CopilotException("CopilotSeats.BadReportLine", CopilotErrorCategory.InvalidData, new CopilotReportLine(file.Number, line.Number),
                    $"Line {line.Number} of file {file.Number} of the {_subject} is not a valid JSON record ({FirstSentence(ex.Message)}); it was skipped.")
                { RecommendedAction = "Run the command again later; the other records of the report are complete." };
                if (_onBadLine != null) await _onBadLine(error, cancellationToken).ConfigureAwait(false);
                return;
            }
            _batch.Add(record);
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_batch.Count == 0) return;
            List<object> full = _batch;
            _batch = new List<object>(BatchSize);
            _records += full.Count;
            await _onRecords(full, cancellationToken).ConfigureAwait(false);
        }

        private CopilotException DownloadFailed(FileState file, Uri url, Attempt attempt) => new CopilotException(
            attempt.TimedOut ? "CopilotSeats.Timeout" : "CopilotSeats.DownloadFailed",
            attempt.TimedOut ? CopilotErrorCategory.OperationTimeout : attempt.Status >= 500 ? CopilotErrorCategory.ResourceUnavailable : CopilotErrorCategory.ConnectionError,
            _target,
            $"Downloading file {file.Number} of {file.Of} of the {_subject} ({ReportDownloadClient.Redact(url)}) failed with {attempt.Reason} after {Options.MaxRetries + 1} attempts.")
        { RecommendedAction = "Run the command again later; -MaxRetries sets how often it retries by itself." };

        private static string FirstSentence(string message)
        {
            int stop = message.IndexOf(". ", StringComparison.Ordinal);
            return (stop > 0 ? message.Substring(0, stop) : message).TrimEnd('.');
        }

        private static string Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex.Message;
        }
    }
}
