import type { Catalog } from '../types'

/**
 * Arabic (right-to-left). Plural messages use all six Arabic categories.
 * `app.name` is left out on purpose: the brand is not translated, so it falls back to English.
 */
export default {
  'app.tagline': 'الإرشاد من أجل الاندماج: القادمون الجدد والسكان جنبًا إلى جنب',
  'app.footer': 'Tandem: برامج الإرشاد من أجل الاندماج للمدن والمنظمات غير الحكومية.',
  'a11y.skipToContent': 'الانتقال إلى المحتوى الرئيسي',

  'nav.label': 'القائمة الرئيسية',
  'nav.home': 'الصفحة الرئيسية',
  'nav.about': 'حول',
  'locale.label': 'اللغة',

  'home.title': 'مرحبًا بكم في Tandem',
  'home.intro':
    'يساعد Tandem المدن ومنظمات المجتمع المدني على إدارة برامج إرشاد تجمع بين القادمين الجدد وأشخاص يعرفون المكان جيدًا.',

  'health.heading': 'حالة الخدمة',
  'health.loading': 'جارٍ التحقق من الخدمة…',
  'health.ok': 'الخدمة تعمل بشكل طبيعي.',
  'health.degraded': 'الخدمة تعمل، لكن قاعدة البيانات لا تستجيب.',
  'health.unreachable': 'تعذّر الوصول إلى الخدمة. تحقّق من اتصالك بالإنترنت.',
  'health.failed': 'ردّت الخدمة بخطأ (الرمز {status}).',
  'health.database': 'قاعدة البيانات',
  'health.dbOk': 'تستجيب',
  'health.dbError': 'لا تستجيب',
  'health.version': 'الإصدار',
  'health.responseTime': 'زمن الاستجابة',
  'health.checkedAt': 'آخر تحقق',
  'health.retry': 'تحقّق مرة أخرى',

  'about.title': 'حول Tandem',
  'about.body':
    'Tandem خدمة مشتركة لبرامج الإرشاد من أجل الاندماج التي تديرها المدن والمنظمات غير الحكومية. يجمع كل برنامج بين القادمين الجدد، مثل اللاجئين والمهاجرين، وسكان مقيمين يساعدونهم على شقّ طريقهم.',
  'about.languages': {
    zero: 'لا يتوفر Tandem بأي لغة حاليًا.',
    one: 'يتوفر Tandem بلغة واحدة:',
    two: 'يتوفر Tandem بلغتين:',
    few: 'يتوفر Tandem بـ{count} لغات:',
    many: 'يتوفر Tandem بـ{count} لغةً:',
    other: 'يتوفر Tandem بـ{count} لغة:',
  },

  'notFound.title': 'الصفحة غير موجودة',
  'notFound.body': 'لا توجد صفحة على هذا العنوان:',
  'notFound.home': 'الذهاب إلى الصفحة الرئيسية',

  'page.loadError': 'تعذّر تحميل هذه الصفحة. تحقّق من اتصالك وحاول مرة أخرى.',
  'page.crash': 'حدث خطأ ما في هذه الصفحة.',
  'page.reload': 'إعادة التحميل',
} satisfies Catalog
