using System.Net.Http.Headers;
using Verdict.Attack;

namespace Verdict.Integrations.Attack;

/// <summary>
/// Downloads MITRE's ATT&CK Enterprise bundle into the local cache. The body goes to a temporary file beside
/// the cache file; only a complete download (Content-Length honoured, at least <see cref="AttackDownloadOptions.MinimumBytes"/>)
/// that loads as an ATT&CK STIX bundle replaces the cache, by an atomic move. Failures come back as results and
/// leave the cache as it was. Cancellation throws, as usual.
/// </summary>
public sealed class AttackDownloader(HttpClient http, AttackDownloadOptions? options = null)
{
    private const string Unchanged = "cache left unchanged";
    private readonly AttackDownloadOptions options = options ?? new AttackDownloadOptions();

    public Uri Url => options.BundleUrl;

    /// <summary>An HttpClient for the download: a connect and header timeout, a User-Agent, no automatic decompression (so Content-Length is the body's).</summary>
    public static HttpClient CreateHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Verdict", "1.0"));
        return client;
    }

    /// <param name="cacheFile">Where the checked bundle goes; an existing file is replaced only by a good download.</param>
    /// <param name="progress">Bytes received so far and the announced total (null when the server does not say).</param>
    public async Task<AttackDownloadResult> DownloadAsync(string cacheFile, IProgress<(long Read, long? Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheFile);
        var url = options.BundleUrl;
        string temp;
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(cacheFile))!;
            Directory.CreateDirectory(folder);
            temp = Path.Combine(folder, $".{Path.GetFileName(cacheFile)}.{Guid.NewGuid():N}.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return AttackDownloadResult.Fail(cacheFile, $"cannot create the ATT&CK cache folder for {cacheFile}: {e.Message}");
        }

        try
        {
            var error = await ReceiveAsync(url, temp, progress, cancellationToken);
            if (error.Length > 0) return AttackDownloadResult.Fail(cacheFile, error);

            AttackLoadResult loaded;
            await using (var stream = File.OpenRead(temp)) loaded = AttackKnowledgeBase.TryLoad(stream);
            if (loaded.KnowledgeBase is null)
            {
                return AttackDownloadResult.Fail(cacheFile, $"the download from {url} is not an ATT&CK STIX bundle ({loaded.Error}); {Unchanged}");
            }
            File.Move(temp, cacheFile, overwrite: true);
            return AttackDownloadResult.Ok(loaded.KnowledgeBase, cacheFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return AttackDownloadResult.Fail(cacheFile, $"cannot write the ATT&CK cache {cacheFile}: {e.Message}");
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Streams the body into <paramref name="temp"/>; "" when it arrived whole, else the reason it did not.</summary>
    private async Task<string> ReceiveAsync(Uri url, string temp, IProgress<(long Read, long? Total)>? progress, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return $"download of ATT&CK data failed: {e.Message} ({url})";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"download of ATT&CK data failed: no response from {url} within {http.Timeout.TotalSeconds:0} s";
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode) return $"download of ATT&CK data failed: HTTP {(int)response.StatusCode} from {url}";
            var total = response.Content.Headers.ContentLength;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            long read = 0;
            progress?.Report((0, total));
            while (true)
            {
                int count;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    idle.CancelAfter(options.ReadTimeout);
                    try
                    {
                        count = await body.ReadAsync(buffer, idle.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        return $"download stalled: nothing received for {options.ReadTimeout.TotalSeconds:0} s after {read} bytes from {url}; {Unchanged}";
                    }
                    catch (IOException e)
                    {
                        return total is { } expected
                            ? $"download truncated: got {read} of {expected} bytes; {Unchanged}"
                            : $"download interrupted after {read} bytes ({e.Message}); {Unchanged}";
                    }
                }
                if (count == 0) break;
                await file.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
                read += count;
                progress?.Report((read, total));
            }
            if (total is { } announced && read != announced) return $"download truncated: got {read} of {announced} bytes; {Unchanged}";
            if (read < options.MinimumBytes)
            {
                return $"download too small: got {read} bytes from {url}, expected at least {options.MinimumBytes} for the ATT&CK bundle; {Unchanged}";
            }
            return "";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless and never read.
        }
    }
}
