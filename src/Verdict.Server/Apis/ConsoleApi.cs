namespace Verdict.Server.Apis;

/// <summary>The analyst console: static HTML, CSS and JS embedded in this assembly (no CDN). The page holds no data; it asks for an API key.</summary>
public static class ConsoleApi
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
        ["console.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/console/")).ExcludeFromDescription();
        app.MapGet("/console/{file?}", (string? file, HttpContext http) =>
        {
            file ??= "index.html";
            if (!Files.TryGetValue(file, out var type)) return Results.NotFound();
            var stream = typeof(ConsoleApi).Assembly.GetManifestResourceStream("console/" + file)!;
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Stream(stream, type);
        }).ExcludeFromDescription();
        return app;
    }
}
