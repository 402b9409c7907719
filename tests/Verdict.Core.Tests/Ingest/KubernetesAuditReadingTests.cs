using System.Text;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Tests.Ingest;

/// <summary>
/// A Kubernetes audit event (audit.k8s.io/v1 Event) is named in one place (Ingest's KubernetesAudit) by its documented
/// fields: verb and objectRef for a resource request, requestURI for a non-resource one; the first of sourceIPs is the caller.
/// </summary>
public sealed class KubernetesAuditReadingTests
{
    private static Verdict.Alerts.Alert Read(string json)
    {
        var result = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "audit.jsonl", EnvironmentContext.Default).Single();
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    private const string Exec = """
        {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/olb/pods/web-1/exec","verb":"create","user":{"username":"cokafor"},"sourceIPs":["185.244.150.31","10.0.0.5"],"objectRef":{"resource":"pods","namespace":"olb","name":"web-1","subresource":"exec","apiVersion":"v1"},"requestReceivedTimestamp":"2026-10-03T09:05:00Z"}
        """;

    [Fact]
    public void A_resource_request_is_named_once_by_verb_and_resource_and_the_client_is_the_first_source_ip()
    {
        var a = Read(Exec);
        Assert.Equal("Kubernetes create pods/exec", a.Rule);
        Assert.Single(a.Fields, f => f.Key == "detection");
        Assert.Equal("185.244.150.31", a.SourceIp);
        Assert.Equal("a1", a.Id);
    }

    [Fact]
    public void A_non_resource_request_is_named_by_its_path()
    {
        var a = Read("""{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a2","requestURI":"/version","verb":"get","user":{"username":"system:anonymous"},"sourceIPs":["203.0.113.9"],"requestReceivedTimestamp":"2026-10-03T09:06:00Z"}""");
        Assert.Equal("Kubernetes get /version", a.Rule);
        Assert.Equal("203.0.113.9", a.SourceIp);
    }

    [Fact]
    public void A_record_that_names_its_own_detection_keeps_it()
    {
        var a = Read(Exec.Replace("\"kind\":\"Event\"", "\"kind\":\"Event\",\"detection\":\"Falco: Terminal shell in container\"", StringComparison.Ordinal));
        Assert.Equal("Falco: Terminal shell in container", a.Rule);
    }
}
