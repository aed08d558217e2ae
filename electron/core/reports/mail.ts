import { basename } from 'node:path';
import nodemailer from 'nodemailer';

// Scheduled reports by mail, through the site's SMTP relay (config file `reports.smtp`).
// nodemailer speaks SMTP with STARTTLS when the server offers it (`secure` = TLS from the
// first byte, port 465); certificates are checked.

export interface SmtpRelay {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  /** The From address. */
  from: string;
}

export interface ReportMail {
  to: string[];
  subject: string;
  text: string;
  files: string[];
}

/** Sends one mail with the files attached; answers the server's reply to the message. */
export async function sendReportMail(relay: SmtpRelay, mail: ReportMail): Promise<string> {
  const transport = nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: relay.secure,
    ...(relay.user ? { auth: { user: relay.user, pass: relay.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  try {
    const info = await transport.sendMail({
      from: relay.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: mail.files.map((file) => ({ filename: basename(file), path: file })),
    });
    return info.response;
  } finally {
    transport.close();
  }
}
