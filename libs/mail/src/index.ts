export * from './mailer.port';
export * from './nodemailer-mailer';
