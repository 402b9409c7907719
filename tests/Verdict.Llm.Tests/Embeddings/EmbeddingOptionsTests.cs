using Verdict.Llm.Embeddings;

namespace Verdict.Tests.Embeddings;

public sealed class EmbeddingOptionsTests
{
    private static readonly string Key = "test-key-" + Guid.NewGuid().ToString("N"); // made up per run: no key-shaped literal in the source

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("ollama:nomic-embed-text", "ollama", "nomic-embed-text")]
    [InlineData(" OpenAI:text-embedding-3-small ", "openai", "text-embedding-3-small")]
    [InlineData("ollama:nomic-embed-text:latest", "ollama", "nomic-embed-text:latest")]
    [InlineData("ollama", "ollama", "")]
    public void Provider_and_model_come_from_one_spec(string spec, string provider, string model)
    {
        var options = EmbeddingOptions.Parse(spec);

        Assert.Equal(provider, options.Provider);
        Assert.Equal(model, options.Model);
        Assert.Null(options.Endpoint);
    }

    [Fact]
    public void Endpoints_default_per_provider_and_OPENAI_BASE_URL_is_honoured()
    {
        Assert.Equal("http://localhost:11434/", EmbeddingOptions.Parse("ollama:m").ResolveEndpoint(Env())!.AbsoluteUri);
        Assert.Equal("https://api.openai.com/v1/", EmbeddingOptions.Parse("openai:m").ResolveEndpoint(Env())!.AbsoluteUri);
        Assert.Equal("http://gpu-box:8000/v1/", EmbeddingOptions.Parse("openai:m").ResolveEndpoint(Env(("OPENAI_BASE_URL", "http://gpu-box:8000/v1")))!.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:9/x/", EmbeddingOptions.Parse("openai:m", "http://127.0.0.1:9/x").ResolveEndpoint(Env(("OPENAI_BASE_URL", "http://other/")))!.AbsoluteUri);
        Assert.Equal("http://localhost:11434/", EmbeddingOptions.Parse("ollama:m").ResolveEndpoint(Env(("OPENAI_BASE_URL", "http://other/")))!.AbsoluteUri);
    }

    [Fact]
    public void Good_options_have_no_errors()
    {
        Assert.Empty(EmbeddingOptions.Parse("ollama:nomic-embed-text").Validate(Env()));
        Assert.Empty(EmbeddingOptions.Parse("openai:text-embedding-3-small").Validate(Env(("OPENAI_API_KEY", Key))));
        Assert.Empty(EmbeddingOptions.Parse("openai:bge-m3", "http://127.0.0.1:8080/v1").Validate(Env()));
    }

    [Theory]
    [InlineData("cohere:embed-v3", null, "unknown embedding provider 'cohere': use ollama or openai")]
    [InlineData("ollama:", null, "no embedding model: write ollama:MODEL (e.g. ollama:nomic-embed-text)")]
    [InlineData("openai", "http://127.0.0.1:1/v1", "no embedding model: write openai:MODEL (e.g. openai:text-embedding-3-small)")]
    [InlineData("ollama:m", "localhost:11434", "the embeddings URL is not an http(s) URL: 'localhost:11434'")]
    [InlineData("ollama:m", "ftp://host/", "the embeddings URL is not an http(s) URL: 'ftp://host/'")]
    [InlineData("openai:text-embedding-3-small", null, "the OpenAI API needs a key: set $OPENAI_API_KEY")]
    [InlineData("openai:text-embedding-3-small", "https://API.openai.com/v1", "the OpenAI API needs a key: set $OPENAI_API_KEY")]
    public void Bad_options_say_what_is_wrong(string spec, string? url, string expected)
    {
        var errors = EmbeddingOptions.Parse(spec, url).Validate(Env());

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Credentials_in_a_URL_are_never_shown()
    {
        var options = EmbeddingOptions.Parse("openai:m", "https://user:hunter2@embed.example:8443/v1?api_key=hunter3");

        Assert.Equal("openai m at https://embed.example:8443/v1/", options.Describe(Env()));
        Assert.DoesNotContain("hunter", string.Join(" ", EmbeddingOptions.Parse("ollama:m", "ht!tp://user:hunter2@x").Validate(Env())), StringComparison.Ordinal);
    }

    [Fact]
    public void Creating_a_provider_from_bad_options_fails_with_the_reasons()
    {
        var e = Assert.Throws<ArgumentException>(() => EmbeddingProviders.Create(EmbeddingOptions.Parse("nope:m"), Env()));

        Assert.StartsWith("unknown embedding provider 'nope'", e.Message, StringComparison.Ordinal);
    }
}
