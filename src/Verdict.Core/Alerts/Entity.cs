using System.Text.Json.Serialization;

namespace Verdict.Alerts;

[JsonConverter(typeof(JsonStringEnumConverter<EntityKind>))]
public enum EntityKind
{
    [JsonStringEnumMemberName("user")] User,
    [JsonStringEnumMemberName("host")] Host,
    [JsonStringEnumMemberName("ip")] Ip,
    [JsonStringEnumMemberName("domain")] Domain,
    [JsonStringEnumMemberName("url")] Url,
    [JsonStringEnumMemberName("file_hash")] FileHash,
    [JsonStringEnumMemberName("process")] Process,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("cloud_resource")] CloudResource,
}

/// <summary>A typed thing an alert is about. Values are normalised (users lower-cased, IPs canonical).</summary>
public sealed record Entity(EntityKind Kind, string Value);
