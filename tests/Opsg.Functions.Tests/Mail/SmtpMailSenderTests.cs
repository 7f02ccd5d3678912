using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Opsg.Functions.Mail;

namespace Opsg.Functions.Tests.Mail;

/// <summary>
/// A mail server that takes the connection and then says nothing: the send gives up at Mail:SendTimeout instead of
/// MailKit's two minutes per operation, so a step never holds its claim on an email longer than its lease allows.
/// </summary>
public sealed class SmtpMailSenderTests
{
    [Fact]
    public async Task GivenAServerThatNeverAnswers_WhenAnEmailIsSent_ThenTheSendFailsAtItsTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var sender = new SmtpMailSender(Options.Create(new MailOptions { Host = "127.0.0.1", Port = port, SendTimeout = TimeSpan.FromSeconds(1) }));
        var clock = Stopwatch.StartNew();

        var sending = sender.SendAsync(new OutgoingMail("Panel Chair", "chair@panel.example", "Subject", "Text", "<p>Html</p>"), CancellationToken.None);
        using var accepted = await silent.AcceptTcpClientAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }
}
