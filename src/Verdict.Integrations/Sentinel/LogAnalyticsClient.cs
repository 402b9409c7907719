using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Core;

namespace Verdict.Integrations.Sentinel;

/// <summary>
/// The Log Analytics query API: POST {endpoint}/v1/workspaces/{id}/query with {"query": KQL, "timespan": ISO 8601}
/// and a bearer token for https://api.loganalytics.io/.default from an Azure.Core <see cref="TokenCredential"/>.
/// Answers {"tables": [...]}. A 429 (waiting its Retry-After) and 5xx are retried with backoff; 400, 401, 403, 404
/// and errors {"error": {"code", "message", "innererror"}} become a <see cref="LogAnalyticsException"/> saying what went
/// wrong. The token is never logged or put in a message.
/// </summary>
public sealed class LogAnalyticsClient(HttpClient http, TokenCredential credential, LogAnalyticsOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TimeSpan Lookback => options.Lookback;

    /// <summary>Runs one KQL query; returns the response document (its "tables"). The caller disposes it.</summary>
    public async Task<JsonDocument> QueryAsync(string kql, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = kql, ["timespan"] = System.Xml.XmlConvert.ToString(options.Lookback) });
        for (var attempt = 0; ; attempt++)
        {
            var token = await GetTokenAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.QueryUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            int status;
            string text;
            TimeSpan? retryAfter;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(options.RequestTimeout);
                try
                {
                    using var response = await http.SendAsync(request, timeout.Token);
                    status = (int)response.StatusCode;
                    text = await response.Content.ReadAsStringAsync(timeout.Token);
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    if (attempt >= options.MaxRetries) throw new LogAnalyticsException($"Log Analytics at {options.Endpoint} could not be reached: {e.Message}", e);
                    await Task.Delay(Backoff(attempt), _time, cancellationToken);
                    continue;
                }
            }
            if (status is >= 200 and < 300) return Parse(text, status);
            var error = ServiceError(text);
            if (status == 429 || status >= 500)
            {
                var wait = retryAfter ?? Backoff(attempt);
                var what = status == 429 ? "throttled the query (429)" : $"failed ({status})";
                if (attempt >= options.MaxRetries)
                    throw new LogAnalyticsException($"Log Analytics {what} {options.MaxRetries + 1} times{error}; try again later") { Status = status };
                if (wait > options.MaxRetryWait)
                    throw new LogAnalyticsException($"Log Analytics {what} and asked to wait {wait.TotalSeconds:N0} s{error}; try again later") { Status = status };
                await Task.Delay(wait, _time, cancellationToken);
                continue;
            }
            throw new LogAnalyticsException(status switch
            {
                400 => $"Log Analytics refused the query (400){error}",
                401 => $"Log Analytics did not accept the credentials (401){error}; sign in (az login) or set {LogAnalyticsOptions.TokenVariable}",
                403 => $"Log Analytics denied access to workspace {options.WorkspaceId} (403){error}; the identity needs the Log Analytics Reader role on it",
                404 => $"Log Analytics has no workspace {options.WorkspaceId} at {options.Endpoint} (404){error}",
                _ => $"Log Analytics answered {status}{error}",
            }) { Status = status };
        }
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([LogAnalyticsOptions.Scope]), cancellationToken);
            return token.Token;
        }
        catch (Exception e) when (e is Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException)
        {
            throw new LogAnalyticsException($"no Azure credentials for Log Analytics: {FirstLine(e.Message)}; sign in (az login), use a managed identity, or set {LogAnalyticsOptions.TokenVariable}", e);
        }
    }

    private TimeSpan Backoff(int attempt) => options.FirstBackoff * Math.Pow(2, attempt);

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow > TimeSpan.Zero ? date - DateTimeOffset.UtcNow : TimeSpan.Zero,
        _ => null,
    };

    private static JsonDocument Parse(string text, int status)
    {
        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("tables", out var t) && t.ValueKind == JsonValueKind.Array) return document;
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        throw new LogAnalyticsException($"Log Analytics answered {status} without the expected {{\"tables\": [...]}}") { Status = status };
    }

    /// <summary>": code: message (inner message)" from {"error": {...}}, clipped; empty when the body says nothing usable.</summary>
    private static string ServiceError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return "";
            string? S(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var inner = error.TryGetProperty("innererror", out var ie) ? S(ie, "message") : null;
            var said = $"{S(error, "code")}: {S(error, "message")}{(inner is null ? "" : $" ({inner})")}";
            return ": " + Clip(said);
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string Clip(string s) => s.Length <= 300 ? s : s[..297] + "...";

    private static string FirstLine(string s) => Clip(s.Split('\n')[0].Trim());

    /// <summary>A KQL string literal: the text in double quotes, backslashes and quotes escaped.</summary>
    public static string Literal(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    internal static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);
}
