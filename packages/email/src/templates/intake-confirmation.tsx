/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { type EmailLocale, emailHtml, fill, Paragraphs, type RenderedEmail } from './layout'
import { nothingToDo } from './phrases'

const intakeConfirmationText: Record<
  EmailLocale,
  { subject: string; thanks: string; next: string; ignore: string }
> = {
  en: {
    subject: 'We got your form for {program}',
    thanks: 'Thank you. {org} got your form for {program}.',
    next: 'Someone from {org} will contact you soon.',
    ignore: 'If you did not fill in this form, you can ignore this email.',
  },
  ar: {
    subject: 'وصلتنا استمارتك لبرنامج {program}',
    thanks: 'شكرًا لك. وصلت استمارتك لبرنامج {program} إلى {org}.',
    next: 'سيتواصل معك شخص من {org} قريبًا.',
    ignore: 'إذا لم تملأ هذه الاستمارة، يمكنك تجاهل هذه الرسالة.',
  },
  de: {
    subject: 'Wir haben Ihr Formular für {program} bekommen',
    thanks: 'Danke. {org} hat Ihr Formular für {program} bekommen.',
    next: 'Jemand von {org} meldet sich bald bei Ihnen.',
    ignore: 'Wenn Sie dieses Formular nicht ausgefüllt haben, können Sie diese E-Mail ignorieren.',
  },
  uk: {
    subject: 'Ми отримали вашу форму для {program}',
    thanks: 'Дякуємо. Вашу форму для {program} отримала команда {org}.',
    next: 'Незабаром з вами зв’яжеться хтось із {org}.',
    ignore: 'Якщо ви не заповнювали цю форму, просто проігноруйте цей лист.',
  },
  fa: {
    subject: 'فرم شما برای {program} به دست ما رسید',
    thanks: 'متشکریم. فرم شما برای {program} به {org} رسید.',
    next: 'به‌زودی کسی از {org} با شما تماس می‌گیرد.',
    ignore: 'اگر این فرم را پر نکرده‌اید، این ایمیل را نادیده بگیرید.',
  },
  es: {
    subject: 'Recibimos tu formulario para {program}',
    thanks: 'Gracias. {org} recibió tu formulario para {program}.',
    next: 'Pronto alguien de {org} se pondrá en contacto contigo.',
    ignore: 'Si no llenaste este formulario, puedes ignorar este correo.',
  },
}

/** Confirmation to someone who applied through a program's public intake form (plain words, no link). */
export function intakeConfirmationEmail(
  locale: EmailLocale,
  params: { program: string; org: string },
): RenderedEmail {
  const t = intakeConfirmationText[locale]
  const p = { program: params.program, org: params.org }
  const lines = [fill(t.thanks, p), fill(t.next, p), nothingToDo[locale], t.ignore]
  return {
    subject: fill(t.subject, p),
    text: lines.join('\n\n'),
    html: emailHtml(locale, <Paragraphs lines={lines} />),
  }
}
