using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>Bodies wrong on the wire rather than in their JSON: too large, not UTF-8, a member sent twice.</summary>
public sealed partial class JsonBodyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GivenABodyOverOneMebibyte_WhenSubmitted_ThenPayloadTooLargeAndNothingRecorded(bool withLength)
    {
        var endpoint = JsonEndpoint.Named("SubmitReadiness");
        var body = endpoint.Tree();
        // Each statement is within its own limit; only the body as a whole is too large.
        var criteria = body["criteria"]!.AsArray();
        foreach (var c in criteria) c!["statement"] = new string('s', 19_000);
        for (var i = 0; i < 60; i++) body["risks"]!.AsArray().Add(JsonNode.Parse($"{{\"number\":{100 + i},\"title\":\"Padding\",\"explanation\":\"{new string('e', 19_000)}\",\"proposal\":\"accept\"}}"));
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        Assert.True(bytes.Length > 1024 * 1024);

        await RefusedAsync(endpoint, id =>
        {
            HttpContent content = withLength ? new ByteArrayContent(bytes) : new StreamContent(new UnseekableStream(bytes));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return cases.Dcc.SendAsync(new HttpRequestMessage(HttpMethod.Post, endpoint.Url(id)) { Content = content });
        }, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0xE2, 0x82 })] // truncated sequence
    public async Task GivenInvalidUtf8InAString_WhenSubmitted_ThenBadRequestAndNothingRecorded(byte[] invalid)
    {
        var endpoint = JsonEndpoint.Named("SubmitReadiness");
        var json = endpoint.Tree().ToJsonString();
        var marker = "Morrisons Data Services";
        var at = Encoding.UTF8.GetByteCount(json[..json.IndexOf(marker, StringComparison.Ordinal)]);
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        bytes.InsertRange(at, invalid);
        var problem = await RefusedAsync(endpoint, id => cases.Dcc.SendRaw(HttpMethod.Post, endpoint.Url(id), bytes.ToArray(), "application/json"),
            HttpStatusCode.BadRequest);
        Assert.Contains("subject.deviceModelCombination", problem.ErrorFields());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GivenInvalidUtf8InAMemberName_WhenSentToAnyEndpoint_ThenBadRequestAndNothingRecorded(string name)
    {
        // {"te\xffxt":…}: the name of the body's first member with a byte that is never UTF-8 inside it.
        var endpoint = JsonEndpoint.Named(name);
        var json = endpoint.Tree().ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        bytes.Insert(json.IndexOf('"', StringComparison.Ordinal) + 2, 0xFF);
        var problem = await RefusedAsync(endpoint, id => cases.As(endpoint.Role).SendRaw(endpoint.HttpMethod, endpoint.Url(id), bytes.ToArray(), "application/json"),
            HttpStatusCode.BadRequest, "$");
        Assert.Contains("member name is not valid UTF-8", problem.ErrorsFor("$"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenInvalidUtf8InANestedMemberName_WhenSubmitted_ThenBadRequestNamingTheObject()
    {
        var endpoint = JsonEndpoint.Named("SubmitReadiness");
        var json = endpoint.Tree().ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        bytes.Insert(Encoding.UTF8.GetByteCount(json[..json.IndexOf("\"activeInstallations\"", StringComparison.Ordinal)]) + 3, 0xFF);
        var problem = await RefusedAsync(endpoint, id => cases.Dcc.SendRaw(HttpMethod.Post, endpoint.Url(id), bytes.ToArray(), "application/json"),
            HttpStatusCode.BadRequest, "cohort");
        Assert.Contains("member name is not valid UTF-8", problem.ErrorsFor("cohort"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenInvalidUtf8OutsideAString_WhenSubmitted_ThenBadRequest()
    {
        var endpoint = JsonEndpoint.Named("SubmitReadiness");
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, 0xFF }.Concat(Encoding.UTF8.GetBytes(endpoint.Tree().ToJsonString())).ToArray();
        await RefusedAsync(endpoint, id => cases.Dcc.SendRaw(HttpMethod.Post, endpoint.Url(id), bytes, "application/json"), HttpStatusCode.BadRequest);
    }

    /// <summary>A body of unknown length, so the server cannot refuse it by its Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GivenAMemberSentTwice_WhenSent_ThenBadRequestNamingItAndNothingRecorded(string name)
    {
        var endpoint = JsonEndpoint.Named(name);
        var body = endpoint.Tree().AsObject();
        var (member, value) = body.First();
        var json = body.ToJsonString();
        var twice = "{" + JsonSerializer.Serialize(member) + ":" + (value?.ToJsonString() ?? "null") + "," + json[1..];
        await RefusedAsync(endpoint, twice, HttpStatusCode.BadRequest, member);
    }

    [Fact]
    public async Task GivenAnEarlierMemberRepeatedAtTheEnd_WhenSent_ThenBadRequestNamingIt()
    {
        var endpoint = JsonEndpoint.Named("AddRisk");
        var json = endpoint.Tree().ToJsonString();
        await RefusedAsync(endpoint, json[..^1] + ",\"title\":\"Second title\"}", HttpStatusCode.BadRequest, "title");
    }
}
