#!/usr/bin/env python3
"""Generates resources/nlu/intents/{en,ru,zh}.tsv: our own generic IT-support
training set (text<TAB>intent). Each intent has hand-written sentences plus
templates x slot lists; a deterministic sample (seed 7) keeps ~70 per intent
per language, ~10% get a typo. Re-run after editing:
    python3 resources/nlu/gen_intents.py
No organization-specific names: only common products (Outlook, Teams, VPN, SAP...)."""
import itertools, os, random

R = random.Random(7)
PER_INTENT = 70

SL = {
 'en': dict(
  app=['outlook', 'Teams', 'the VPN', 'SAP', 'Excel', 'the intranet', 'Zoom', 'OneDrive', 'SharePoint', 'Chrome', 'Word', 'the HR portal', 'my email', 'the CRM', 'Jira', 'the shared drive'],
  sw=['Visio', 'Adobe Acrobat', 'Python', 'Photoshop', 'Zoom', 'Slack', 'AutoCAD', 'MS Project', 'Power BI', 'Notepad++', 'a PDF editor', '7-zip', 'Tableau', 'Docker', 'VS Code'],
  dev=['laptop', 'monitor', 'keyboard', 'mouse', 'docking station', 'headset', 'webcam', 'screen', 'charger', 'desk phone', 'battery', 'usb port'],
  net=['wifi', 'wi-fi', 'VPN', 'internet', 'network', 'ethernet', 'wireless', 'remote access'],
  res=['the finance shared folder', 'the HR folder', 'SAP', 'the sales dashboard', 'the project site on SharePoint', 'Jira', 'the marketing drive', 'the admin console', 'the payroll app', 'a distribution list', 'the team mailbox', 'the CRM'],
  thing=['a new laptop', 'a second monitor', 'a headset', 'a new phone', 'a docking station', 'a keyboard', 'a webcam', 'a bigger screen', 'a new mouse', 'a laptop bag', 'a mobile phone'],
 ),
 'ru': dict(
  app=['аутлук', 'outlook', 'тимс', 'Teams', 'VPN', 'впн', 'SAP', '1С', 'почта', 'эксель', 'портал', 'сайт', 'CRM', 'Zoom', 'общая папка', 'сетевой диск'],
  sw=['Visio', 'Adobe Acrobat', 'Python', 'фотошоп', 'Zoom', 'AutoCAD', 'Power BI', 'архиватор', '1С', 'программу для PDF', 'Notepad++', 'Visual Studio'],
  dev=['ноутбук', 'монитор', 'клавиатура', 'мышка', 'док-станция', 'гарнитура', 'камера', 'экран', 'зарядка', 'телефон', 'аккумулятор'],
  net=['wifi', 'вай-фай', 'VPN', 'впн', 'интернет', 'сеть', 'вайфай', 'удаленный доступ'],
  res=['папке бухгалтерии', 'общей папке отдела', 'SAP', '1С', 'порталу HR', 'Jira', 'сетевому диску', 'CRM', 'отчетам продаж', 'почтовому ящику отдела'],
  thing=['новый ноутбук', 'второй монитор', 'гарнитура', 'новый телефон', 'док-станция', 'клавиатура', 'веб-камера', 'мышка', 'монитор побольше', 'сумка для ноутбука'],
 ),
 'zh': dict(
  app=['outlook', 'Teams', 'VPN', 'SAP', '邮箱', '内网', 'Excel', '共享盘', 'OA系统', 'ERP', '企业微信', 'Zoom', '浏览器', '财务系统'],
  sw=['Visio', 'Adobe Acrobat', 'Python', 'Photoshop', 'AutoCAD', 'Power BI', '压缩软件', 'PDF编辑器', 'Office', '杀毒软件', 'Zoom'],
  dev=['电脑', '笔记本', '显示器', '键盘', '鼠标', '耳机', '摄像头', '屏幕', '充电器', '座机', '电池', '扩展坞'],
  net=['wifi', '无线网', 'VPN', '网络', '网', '内网', '有线网', '远程访问'],
  res=['财务共享文件夹', '人事系统', 'SAP', '销售报表', 'Jira', '项目文件夹', '共享盘', 'ERP系统', '部门邮箱', 'CRM系统'],
  thing=['新电脑', '一台新笔记本', '第二个显示器', '耳机', '新手机', '扩展坞', '键盘', '摄像头', '大一点的显示器', '鼠标'],
 ),
}

# intent -> lang -> (hand-written sentences, templates)
D = {}
def add(intent, lang, hand, tmpl=()):
    D.setdefault(intent, {})[lang] = (hand, list(tmpl))

# ------------------------------------------------------------ greeting
add('greeting', 'en', ['hi', 'hello', 'hey', 'good morning', 'good afternoon', 'hi there', 'hello!', 'hey there', 'morning', 'good evening', 'hiya', 'yo', 'hello bot', 'hi assistant', 'greetings', 'hey, anyone there?', 'hello, is this IT support?', 'hi, it support?', 'good morning team', 'hey hey', 'helo', 'hii', 'hi!!', 'hello there', 'hi, how are you?', 'good day', 'hey it', 'hi helpdesk', 'hello service desk', 'morning all', 'howdy', 'sup', 'hey, you there?', 'hello again', 'hi again', 'hi bot', 'hey assistant', 'good morning!', 'hello, anybody?', 'hi :)', 'hey, quick question', 'hello, i have a question'])
add('greeting', 'ru', ['привет', 'здравствуйте', 'добрый день', 'доброе утро', 'добрый вечер', 'приветствую', 'здрасте', 'хай', 'привет!', 'алло', 'здравствуйте, это техподдержка?', 'добрый день, поддержка?', 'привет, бот', 'здравствуй', 'доброго дня', 'привет всем', 'салют', 'здраствуйте', 'првиет', 'ку', 'доброе утро!', 'добрый день!', 'здравствуйте, есть кто?', 'привет, есть вопрос', 'здравствуйте, у меня вопрос', 'hi', 'день добрый', 'здорово', 'приветик', 'здравствуйте, служба поддержки', 'добрый день, коллеги', 'привет, как дела?', 'доброго времени суток', 'здравствуйте!', 'хелло', 'привет ещё раз', 'снова здравствуйте', 'добрый вечер!', 'здравствуйте, айти?', 'приветствую вас'])
add('greeting', 'zh', ['你好', '您好', '早上好', '下午好', '晚上好', '嗨', '哈喽', '你好!', '在吗', '在吗?', '有人吗', '你好,是IT支持吗', '您好,请问是服务台吗', '早', '早安', '大家好', '你好呀', '嗨,机器人', '您好!', '哈啰', '你好,我有个问题', '在不在', '你好 IT', '您好,打扰一下', '喂', '你们好', 'hello', '你好你好', '中午好', '您好,技术支持', '请问在吗', '嘿', '你好,请问一下', '早上好!', '在么', '嗨,你好', '你好啊', '您好,有人在吗', '哈喽,在吗', '你好,小助手'])
# ------------------------------------------------------------ thanks
add('thanks', 'en', ['thanks', 'thank you', 'thanks a lot', 'thank you so much', 'cheers', 'thx', 'ty', 'great, thanks', 'perfect, thank you', 'that worked, thanks!', 'awesome thanks', 'thanks for the help', 'many thanks', 'thank u', 'thanks, that solved it', 'brilliant, cheers', 'much appreciated', 'ok thanks', 'got it, thanks', 'super, thank you', 'thanks a bunch', 'appreciate it', 'you are a star', 'thanks mate', 'it works now, thank you', 'great help, thanks', 'thank you very much', 'thnks', 'thanks!!', 'nice, thanks', 'lovely, thanks', 'that did it, thank you', 'thanks for your quick help', 'fantastic, thanks', 'thank you, all good now', 'thanks, problem solved', 'ok great, thx', 'cool thanks', 'wonderful, thanks a lot', 'thank you kindly'])
add('thanks', 'ru', ['спасибо', 'спасибо большое', 'благодарю', 'спс', 'спасибо!', 'огромное спасибо', 'спасибо, помогло', 'отлично, спасибо', 'супер, спасибо', 'спасибо за помощь', 'большое спасибо', 'благодарю вас', 'пасиб', 'спасибо, всё работает', 'спасибо, заработало', 'класс, спасибо', 'ок, спасибо', 'понял, спасибо', 'спасибо огромное', 'сенкс', 'спасибки', 'спасибо, решено', 'отлично, всё получилось, спасибо', 'спасибо за быструю помощь', 'вы лучшие, спасибо', 'спасибо, выручили', 'благодарствую', 'спасиб', 'cпасибо, теперь работает', 'хорошо, спасибо', 'спасибо, вопрос снят', 'спасибо большое за помощь!', 'спасибо, всё ок', 'ура, спасибо', 'спасибо, очень помогли', 'премного благодарен', 'спасибо, разобрался', 'спасибо, дальше сам', 'мерси', 'пасибо'])
add('thanks', 'zh', ['谢谢', '谢谢你', '多谢', '非常感谢', '感谢', '谢啦', '谢谢!', '好的谢谢', '解决了,谢谢', '太好了,谢谢', '感谢帮助', '谢谢您', '辛苦了', '谢了', '3q', '好了,谢谢', '可以了,谢谢', '非常感谢你的帮助', '谢谢,已经好了', '万分感谢', '收到,谢谢', '明白了,谢谢', '太感谢了', '谢谢啊', '好的,多谢', '搞定了,谢谢', '谢谢,问题解决了', '感谢感谢', '谢谢帮忙', '多谢多谢', 'thx', '谢谢小助手', '好用,谢谢', '谢谢你们', '十分感谢', '谢谢,能用了', '好的好的,谢谢', '谢谢老师', '感激不尽', '谢谢,没问题了'])
# ------------------------------------------------------------ goodbye
add('goodbye', 'en', ['bye', 'goodbye', 'see you', 'bye bye', 'see ya', 'that is all', "that's all for now", 'nothing else, bye', 'have a nice day', 'talk later', 'cya', 'good night', 'ok bye', 'see you later', 'i am done', "that's it, bye", 'no more questions', 'all good, bye', 'later', 'take care', 'have a good one', 'bye!', 'farewell', 'gotta go', 'i have to go now', 'nothing more', 'no, that is everything', 'catch you later', 'see you tomorrow', 'done for today', 'ok that is all i needed', 'bye for now', 'have a great weekend', 'thats all', 'end chat', 'close the chat', 'you can close this', 'we are done here', 'nope, all set', 'bye, thanks'])
add('goodbye', 'ru', ['пока', 'до свидания', 'всего доброго', 'до встречи', 'пока-пока', 'это всё', 'больше ничего', 'всё, пока', 'хорошего дня', 'до завтра', 'досвидания', 'бывай', 'всего хорошего', 'на этом всё', 'вопросов больше нет', 'можно закрывать', 'закрой чат', 'ок, пока', 'удачи', 'счастливо', 'всё, спасибо, пока', 'до связи', 'пока!', 'спокойной ночи', 'хороших выходных', 'мне пора', 'ладно, пока', 'нет, это всё', 'больше вопросов нет', 'всё хорошо, пока', 'завершить разговор', 'заканчиваем', 'всё, отбой', 'прощайте', 'до скорого', 'увидимся', 'пока, хорошего дня', 'нет, больше ничего не нужно', 'всё, свободен', 'конец'])
add('goodbye', 'zh', ['再见', '拜拜', '回头见', '没有了', '就这样', '好的再见', '明天见', '没别的了', '先这样', '拜', '88', '下次见', '再会', '结束对话', '可以关闭了', '没有其他问题了', '就这些', '晚安', '周末愉快', '祝你愉快', '我先走了', '好,拜拜', '不用了,再见', '没事了', '那先这样吧', '没有别的问题', '结束', '关闭聊天', '拜拜啦', '好的,没有了', '今天就到这', '回见', '先不聊了', '我没问题了,再见', '好嘞,再见', '再见!', '先这样,谢谢再见', '没了', '不需要了,再见', '好的就这样'])
# ------------------------------------------------------------ password_reset
add('password_reset', 'en', ['i forgot my password', 'reset my password please', 'password expired', 'i need a new password', "can't remember my password", 'how do i reset my password', 'my password expired and i cannot log in', 'forgot pwd', 'pls reset pw', 'i need to change my password', 'password reset', 'my windows password is not accepted anymore', 'it says my password has expired', 'i typed the wrong password too many times and now forgot it', 'need password reset asap', 'lost my password', 'can you reset my password', 'password not working after holiday, forgot it', 'i forgot the password for my computer', 'reset password for my account', 'change password', 'my password needs to be changed', 'i cant log in, forgot my password', 'forgot my login password', 'password expired while on vacation', 'new password please', 'help, forgotten password'],
    ['i forgot my {app} password', 'reset my {app} password', 'my {app} password expired', "can't log in to {app}, forgot the password", 'need to reset password for {app}', 'how can i change my {app} password'])
add('password_reset', 'ru', ['забыл пароль', 'сбросьте пароль', 'пароль истек', 'нужен новый пароль', 'не помню пароль', 'как сбросить пароль', 'срок действия пароля истек', 'сбросить пароль', 'забыла пароль от компьютера', 'смена пароля', 'хочу поменять пароль', 'пароль не подходит, забыл его', 'пароль просрочен, не могу войти', 'помогите сбросить пароль', 'пароль протух', 'нужно сменить пароль', 'после отпуска не помню пароль', 'забыл пароль от учетки', 'сброс пароля', 'поменяйте мне пароль пожалуйста', 'пароль устарел', 'не могу вспомнить пароль', 'забыл пароль от винды', 'пароль от учётной записи забыл', 'сбрось пароль плиз', 'как поменять пароль', 'забыла свой пароль'],
    ['забыл пароль от {app}', 'сбросьте пароль в {app}', 'пароль от {app} истек', 'не помню пароль от {app}', 'как сменить пароль в {app}', 'нужен новый пароль для {app}'])
add('password_reset', 'zh', ['忘记密码了', '重置密码', '密码过期了', '我需要新密码', '想不起密码', '怎么重置密码', '密码到期了登不上', '帮我重置一下密码', '改密码', '我要修改密码', '密码忘了', '电脑密码忘记了', '密码过期无法登录', '请帮我重置密码', '休假回来密码忘了', '域账号密码忘了', '密码重置', '登录密码忘记了怎么办', '提示密码已过期', '需要修改密码', '忘了开机密码', '账号密码忘记了', '麻烦重置下密码', '怎么改密码', '密码不记得了'],
    ['{app}密码忘了', '重置{app}密码', '{app}的密码过期了', '忘记{app}登录密码', '怎么修改{app}密码', '帮我重置{app}的密码'])
# ------------------------------------------------------------ unlock_account
add('unlock_account', 'en', ['my account is locked', 'account locked out', 'please unlock my account', 'i am locked out', 'locked out after too many attempts', 'my user is blocked', 'account disabled', 'can you unlock me', "i'm locked out of my computer", 'it says account locked', 'my ad account got locked', 'too many wrong passwords, now locked', 'unlock my user please', 'my login is blocked', 'account has been locked out', 'locked out again', 'my account keeps getting locked', 'user account locked, help', 'i got locked out of windows', 'cannot log in, account locked', 'the system blocked my account', 'unlock account', 'my account is suspended', 'please reactivate my account'],
    ['locked out of {app}', 'my {app} account is locked', 'unlock my {app} account', '{app} says my account is blocked', 'i got locked out of {app} after typing the wrong password'])
add('unlock_account', 'ru', ['учетная запись заблокирована', 'меня заблокировало', 'разблокируйте учетку', 'аккаунт заблокирован', 'заблокировали учётную запись', 'разблокируйте пожалуйста', 'учетка заблокирована после нескольких попыток', 'не могу войти, пользователь заблокирован', 'моя учетная запись заблокирована', 'заблокировался аккаунт', 'снимите блокировку', 'учетку заблочило', 'разблокировать учетную запись', 'меня опять заблокировало', 'пишет что учетная запись заблокирована', 'доступ заблокирован, ввёл неправильный пароль', 'постоянно блокируется учетка', 'учётная запись отключена', 'разблокируй меня', 'заблокировали доступ к компьютеру', 'аккаунт заблочен', 'снять блокировку с учетки'],
    ['заблокировали в {app}', 'учетка в {app} заблокирована', 'разблокируйте доступ к {app}', '{app} пишет что аккаунт заблокирован', 'меня заблокировало в {app}'])
add('unlock_account', 'zh', ['账号被锁了', '账户被锁定', '帮我解锁账号', '我被锁定了', '输错密码太多次被锁了', '用户被禁用了', '账号被冻结', '请解锁我的账号', '电脑账号锁住了', '提示账户已锁定', '域账号被锁', '又被锁了', '账号老是被锁', '解锁账户', '登录不了,账号锁定', '账户被停用了', '账号锁了怎么办', '我的账号被封了', '麻烦解锁一下', '账号锁定了', '被系统锁定', '用户锁定请解锁'],
    ['{app}账号被锁了', '{app}提示账户锁定', '帮我解锁{app}账号', '{app}登录被锁定', '输错密码{app}被锁了'])
# ------------------------------------------------------------ mfa_problem
add('mfa_problem', 'en', ['i lost my phone with the authenticator', 'mfa code not working', 'not receiving the 2fa code', 'got a new phone, need to move my authenticator', 'two factor authentication not working', "the verification code doesn't arrive", 'authenticator app shows wrong codes', 'i do not get the mfa push', 'mfa prompt never comes', 'need to reset my mfa', 'my token is broken', 'changed phone, mfa stopped working', 'the sms code never arrives', 'multi factor login fails', 'authenticator says invalid code', 'reset 2fa please', 'lost my security key', 'mfa keeps asking again and again', 'my otp codes are rejected', 'new phone number for mfa', 'i deleted the authenticator app by mistake', 'approve sign in request not showing', 'my hardware token expired', 'cant do mfa, phone is dead'],
    ['{app} asks for a verification code i never get', 'mfa for {app} not working', '{app} two factor code rejected', 'cannot sign in to {app}, no mfa push', 'need to re-register mfa for {app}'])
add('mfa_problem', 'ru', ['потерял телефон с аутентификатором', 'не приходит код подтверждения', 'не работает двухфакторная аутентификация', 'новый телефон, нужно перенести аутентификатор', 'код mfa не подходит', 'не приходит смс с кодом', 'аутентификатор выдает неверный код', 'не приходит пуш для входа', 'сбросьте mfa', 'сломался токен', 'сменил телефон и не могу пройти 2fa', 'двухфакторка не работает', 'код из приложения не принимается', 'удалил приложение аутентификатор', 'поменял номер телефона для mfa', 'потерял ключ безопасности', 'не могу подтвердить вход, телефон разряжен', 'mfa постоянно спрашивает код', 'одноразовый код не подходит', 'нужно перепривязать аутентификатор', 'не приходит запрос на подтверждение входа', 'второй фактор не работает'],
    ['{app} просит код, а он не приходит', 'не работает mfa в {app}', 'код двухфакторки для {app} не подходит', 'не могу войти в {app}, нет пуша', 'перепривязать mfa для {app}'])
add('mfa_problem', 'zh', ['手机丢了,验证器也没了', '收不到验证码', '双因素认证不好用', '换了新手机需要迁移验证器', 'MFA验证码不对', '短信验证码一直收不到', '验证器显示的码不对', '收不到登录推送', '重置一下MFA', '令牌坏了', '换手机后二次验证用不了', '动态码被拒绝', '误删了验证器应用', '换了手机号,MFA要改', '安全密钥丢了', '一直让我输入验证码', '一次性密码不对', '手机没电了没法验证', '需要重新绑定验证器', '登录确认请求不出来', '二次验证失败', '多因素认证有问题'],
    ['{app}要验证码但收不到', '{app}的MFA用不了', '{app}双因素验证码无效', '登录{app}收不到推送', '重新绑定{app}的MFA'])
# ------------------------------------------------------------ access_request
add('access_request', 'en', ['i need access to the finance folder', 'please give me permissions', 'request access', 'can i get access to that share', 'i need admin rights on my laptop', 'need read access to a folder', 'grant me write permission please', 'please add me to the distribution list', 'i need to be added to the group', 'access denied, please grant permission', 'i need local admin rights', 'give my team access to the project folder', 'requesting access rights', 'can you add me to the security group', 'need edit rights on the sharepoint site', 'new employee starting monday needs accounts', 'remove access for a leaver'],
    ['i need access to {res}', 'please give me access to {res}', 'can i get permissions for {res}', 'request access to {res}', 'i need write access on {res}', 'my colleague needs access to {res}', 'how do i get access to {res}', 'access denied to {res}, i need permission'])
add('access_request', 'ru', ['нужен доступ к папке', 'дайте права', 'запрос доступа', 'нужны права администратора', 'дайте доступ на чтение', 'нужны права на запись', 'добавьте меня в группу', 'добавьте в рассылку', 'нет доступа, прошу выдать права', 'нужны права локального админа', 'выдайте доступ моей команде', 'прошу предоставить доступ', 'новый сотрудник выходит в понедельник, нужны доступы', 'отключите доступ уволенному', 'нужны права на редактирование', 'хочу получить доступ', 'как получить доступ к папке'],
    ['нужен доступ к {res}', 'дайте доступ к {res}', 'прошу предоставить права к {res}', 'запрос доступа к {res}', 'нужны права на запись к {res}', 'коллеге нужен доступ к {res}', 'как получить доступ к {res}', 'нет доступа к {res}, выдайте права'])
add('access_request', 'zh', ['我需要文件夹的访问权限', '请给我开权限', '申请权限', '申请访问权限', '我需要管理员权限', '需要只读权限', '请给我写权限', '把我加到邮件组', '把我加到这个组里', '提示拒绝访问,请开通权限', '需要本地管理员权限', '给我们团队开通项目文件夹权限', '离职员工权限请取消', '需要编辑权限', '怎么申请权限', '开通一下权限'],
    ['申请{res}的权限', '我需要访问{res}', '请开通{res}权限', '给我{res}的访问权限', '需要{res}的写权限', '同事需要{res}的权限', '怎么申请{res}访问权限', '{res}没权限,请开通'])
# ------------------------------------------------------------ software_install
add('software_install', 'en', ['please install software on my laptop', 'i need a program installed', 'can you install an app for me', 'need a license', 'software request', 'i need a license for office', 'can i get a new software', 'need the latest version installed', 'please update my software', 'i need a tool installed for work', 'install request', 'request for software license'],
    ['please install {sw}', 'i need {sw} on my laptop', 'can you install {sw} for me', 'i need a license for {sw}', 'request to install {sw}', 'could i get {sw} installed', 'need {sw} installed asap', 'i want {sw} on my pc', 'can someone put {sw} on my computer', 'install {sw} pls', 'we need {sw} licenses for the team'])
add('software_install', 'ru', ['установите программу', 'нужна программа', 'прошу установить софт', 'нужна лицензия', 'заявка на установку ПО', 'обновите программу', 'установите пожалуйста приложение', 'нужно поставить программу', 'нужна лицензия на офис', 'поставьте мне софт', 'запрос на программное обеспечение', 'нужна новая версия программы'],
    ['установите {sw}', 'нужен {sw} на ноутбук', 'можете поставить {sw}?', 'нужна лицензия на {sw}', 'прошу установить {sw}', 'поставьте мне {sw}', 'нужно установить {sw} срочно', 'хочу {sw} на компьютер', 'установить {sw} пожалуйста', 'нам нужны лицензии {sw}', 'заявка на установку {sw}'])
add('software_install', 'zh', ['请帮我装个软件', '需要安装软件', '申请软件', '需要许可证', '软件安装申请', '更新一下软件', '帮我装一下程序', '需要正版授权', '申请Office授权', '装个新版本', '申请软件许可', '电脑上要装个工具'],
    ['请安装{sw}', '我需要{sw}', '帮我装一下{sw}', '申请{sw}许可证', '申请安装{sw}', '能给我装{sw}吗', '电脑上需要装{sw}', '想在电脑上装{sw}', '帮忙装{sw}', '团队需要{sw}授权', '我要装{sw}'])
# ------------------------------------------------------------ hardware_broken
add('hardware_broken', 'en', ['my laptop is broken', 'screen cracked', 'spilled coffee on my keyboard', 'laptop won\'t turn on', 'my computer does not start', 'battery not charging', 'dropped my laptop and now the screen is black', 'keyboard keys stopped working', 'monitor flickering', 'the fan is super loud and the pc is hot', 'blue screen on startup', 'my charger is broken', 'laptop makes a clicking noise', 'the hinge of my laptop broke', 'no display on my second screen'],
    ['my {dev} is broken', 'my {dev} stopped working', 'the {dev} does not work', '{dev} is dead', 'the {dev} is damaged', 'my {dev} is not detected', 'something is wrong with my {dev}', '{dev} broken, need a repair', 'my {dev} broke this morning', '{dev} not working at all'])
add('hardware_broken', 'ru', ['сломался ноутбук', 'треснул экран', 'пролил кофе на клавиатуру', 'ноутбук не включается', 'компьютер не запускается', 'не заряжается батарея', 'уронил ноутбук, экран черный', 'не работают клавиши', 'монитор мерцает', 'вентилятор шумит и ноут греется', 'синий экран при загрузке', 'сломалась зарядка', 'ноутбук щелкает', 'сломалась петля ноутбука', 'нет изображения на втором мониторе'],
    ['сломался {dev}', '{dev} перестал работать', 'не работает {dev}', '{dev} умер', '{dev} поврежден', '{dev} не определяется', 'что-то с {dev}', 'нужен ремонт, {dev} сломан', 'с утра не работает {dev}', 'вообще не работает {dev}'])
add('hardware_broken', 'zh', ['笔记本坏了', '屏幕裂了', '咖啡洒键盘上了', '电脑开不了机', '电脑启动不了', '电池充不进电', '笔记本摔了屏幕黑了', '键盘按键失灵', '显示器一直闪', '风扇很响电脑很烫', '开机蓝屏', '充电器坏了', '笔记本有咔咔的声音', '笔记本转轴断了', '第二个屏幕没有显示'],
    ['{dev}坏了', '{dev}不工作了', '{dev}用不了', '{dev}没反应', '{dev}损坏了', '{dev}识别不到', '我的{dev}出问题了', '{dev}坏了要修', '早上{dev}突然坏了', '{dev}完全不能用'])
# ------------------------------------------------------------ network_problem
add('network_problem', 'en', ['no internet', 'wifi keeps dropping', 'vpn does not connect', 'i cannot connect to the network', 'internet is very slow today', 'vpn disconnects every 5 minutes', 'no network connection in the meeting room', 'wifi says connected but no internet', 'cannot reach internal sites from home', 'ethernet port in my office is dead', 'vpn error 809', 'wifi password rejected', 'lost connection to the network drive'],
    ['{net} not working', '{net} is down for me', 'my {net} keeps disconnecting', "can't connect to {net}", '{net} connection fails', '{net} is really slow', 'no {net} on my laptop', '{net} stopped working since this morning', '{net} drops all the time', 'problem with {net}'])
add('network_problem', 'ru', ['нет интернета', 'постоянно отваливается вайфай', 'VPN не подключается', 'не могу подключиться к сети', 'очень медленный интернет', 'впн рвется каждые 5 минут', 'нет сети в переговорке', 'вайфай подключен, но без интернета', 'из дома не открываются внутренние сайты', 'не работает розетка сети в кабинете', 'ошибка VPN 809', 'пароль от вайфая не подходит', 'пропал сетевой диск'],
    ['{net} не работает', 'не работает {net}', '{net} постоянно отключается', 'не могу подключиться к {net}', 'ошибка подключения {net}', 'очень медленный {net}', 'нет {net} на ноутбуке', 'с утра не работает {net}', 'отваливается {net}', 'проблема с {net}'])
add('network_problem', 'zh', ['没网了', 'wifi老是断', 'VPN连不上', '连不上网络', '今天网速特别慢', 'VPN每五分钟断一次', '会议室没有网络', 'wifi连上了但上不了网', '在家访问不了内网', '办公室网口坏了', 'VPN报错809', 'wifi密码不对', '网络驱动器断开了'],
    ['{net}不能用', '{net}断了', '{net}老是掉线', '连不上{net}', '{net}连接失败', '{net}特别慢', '笔记本没有{net}', '从早上开始{net}就不行了', '{net}一直断', '{net}有问题'])
# ------------------------------------------------------------ email_problem
add('email_problem', 'en', ['outlook keeps crashing', 'i cannot send emails', 'emails stuck in outbox', 'not receiving any emails', 'my mailbox is full', 'outlook asks for password all the time', 'email bounced back with error', 'outlook not syncing', 'calendar invites not arriving', 'shared mailbox disappeared from outlook', 'outlook is frozen', 'mails from customers land in spam', 'outlook search not working', 'cannot open attachments in outlook', 'outlook says disconnected', 'my emails are not coming through', 'outlook wont start', 'getting undeliverable messages', 'email signature disappeared', 'mailbox quota exceeded', 'cant send mail to external addresses', 'outlook stuck on loading profile', 'email on my phone stopped syncing', 'outlok crashes when i open it', 'emails disappeared from my inbox', 'outlook is not opening', 'my email is not working', 'no new mail since yesterday', 'outlook shows error 0x800ccc0e', 'email delivery failed', 'i can’t receive emails from a client', 'sent emails are not received', 'outlook keeps freezing', 'my inbox is not updating', 'outlook on web not loading', 'mails are delayed by hours', 'outlook error when sending', 'mail server not responding', 'cannot add shared mailbox', 'email not working on mobile'])
add('email_problem', 'ru', ['аутлук постоянно вылетает', 'не могу отправить письмо', 'письма висят в исходящих', 'не приходят письма', 'почтовый ящик переполнен', 'outlook все время просит пароль', 'письмо вернулось с ошибкой', 'аутлук не синхронизируется', 'не приходят приглашения в календарь', 'пропал общий ящик в аутлуке', 'аутлук завис', 'письма клиентов попадают в спам', 'поиск в аутлуке не работает', 'не открываются вложения', 'аутлук пишет отключено', 'почта не работает', 'аутлук не запускается', 'приходят сообщения о недоставке', 'пропала подпись в письмах', 'ящик переполнен, не могу отправить', 'не уходят письма на внешние адреса', 'аутлук висит на загрузке профиля', 'на телефоне перестала синхронизироваться почта', 'аутлук вылетает при открытии', 'пропали письма из входящих', 'не открывается аутлук', 'не работает почта', 'с вчерашнего дня нет новых писем', 'outlook выдает ошибку 0x800ccc0e', 'ошибка доставки письма', 'не получаю письма от клиента', 'отправленные письма не доходят', 'аутлук тормозит и зависает', 'входящие не обновляются', 'веб-почта не грузится', 'письма приходят с опозданием', 'ошибка при отправке в outlook', 'почтовый сервер не отвечает', 'не могу добавить общий ящик', 'на телефоне не работает почта'])
add('email_problem', 'zh', ['outlook老是崩溃', '发不了邮件', '邮件卡在发件箱', '收不到邮件', '邮箱满了', 'outlook一直让输密码', '邮件被退回了', 'outlook不同步', '收不到会议邀请', '共享邮箱不见了', 'outlook卡死了', '客户的邮件进了垃圾箱', 'outlook搜索用不了', '附件打不开', 'outlook显示断开连接', '邮箱不能用了', 'outlook打不开', '收到退信', '邮件签名没了', '邮箱容量超了', '外部邮件发不出去', 'outlook一直在加载配置文件', '手机邮件不同步了', 'outlook一打开就闪退', '收件箱邮件不见了', '邮箱打不开', '邮件用不了', '从昨天开始收不到新邮件', 'outlook报错0x800ccc0e', '邮件发送失败', '客户的邮件收不到', '发出去的邮件对方收不到', 'outlook很卡', '收件箱不更新', '网页版邮箱打不开', '邮件延迟好几个小时', '发邮件时outlook报错', '邮件服务器没响应', '添加不了共享邮箱', '手机上邮箱用不了'])
# ------------------------------------------------------------ printer_problem
add('printer_problem', 'en', ['printer not working', 'the printer is jammed', 'paper jam on the 2nd floor', "can't print", 'print job stuck in queue', 'printer offline', 'printer says out of toner', 'printing takes forever', 'my documents do not print', 'the printer prints blank pages', 'scanner not sending to email', 'printer shows error code', 'print queue is stuck', 'printer prints garbage characters', 'i cannot print to the office printer', 'printer is not responding', 'the copier is broken', 'printer out of paper and tray stuck', 'nothing comes out of the printer', 'colour printing not working', 'printer prints very faded', 'scan to folder fails', 'my print jobs disappear', 'the printer on our floor is down', 'printing error', 'cannot find the printer anymore', 'printer keeps saying paper jam but there is none', 'print preview fine but printout cut off', 'printer status offline on my laptop', 'multifunction printer is not working', 'badge release printing not working', 'printer driver error', 'prints are smudged', 'printer stuck on warming up', 'cant print pdf files', 'the plotter is not printing', 'printer in room 204 is broken', 'printer prints slowly', 'label printer not working', 'toner empty'])
add('printer_problem', 'ru', ['принтер не работает', 'замяло бумагу', 'зажевало бумагу на втором этаже', 'не могу распечатать', 'задание висит в очереди печати', 'принтер офлайн', 'закончился тонер', 'печать идет очень долго', 'документы не печатаются', 'принтер печатает пустые листы', 'сканер не отправляет на почту', 'принтер выдает ошибку', 'очередь печати зависла', 'принтер печатает кракозябры', 'не могу печатать на офисный принтер', 'принтер не отвечает', 'копир сломался', 'нет бумаги и лоток застрял', 'из принтера ничего не выходит', 'не работает цветная печать', 'печатает очень бледно', 'не работает сканирование в папку', 'задания на печать пропадают', 'принтер на нашем этаже не работает', 'ошибка печати', 'принтер пропал из списка', 'пишет замятие бумаги, а его нет', 'распечатка обрезается', 'принтер в статусе отключен', 'мфу не работает', 'не печатает по пропуску', 'ошибка драйвера принтера', 'печать размазывается', 'принтер завис на прогреве', 'не печатаются pdf', 'плоттер не печатает', 'сломался принтер в 204 кабинете', 'принтер печатает медленно', 'принтер этикеток не работает', 'кончился картридж'])
add('printer_problem', 'zh', ['打印机坏了', '打印机卡纸了', '二楼打印机卡纸', '打印不了', '打印任务卡在队列里', '打印机脱机', '打印机没墨粉了', '打印特别慢', '文件打印不出来', '打印机打出来是白纸', '扫描发不到邮箱', '打印机报错', '打印队列卡住了', '打印机打出来是乱码', '连不上办公室的打印机', '打印机没反应', '复印机坏了', '没纸了纸盒也卡住了', '打印机什么都不出', '彩色打印不行', '打印颜色很淡', '扫描到文件夹失败', '打印任务消失了', '我们楼层的打印机用不了', '打印出错', '找不到打印机了', '一直提示卡纸但其实没有', '打印出来被截断', '打印机显示离线', '多功能一体机不能用', '刷卡打印不行', '打印机驱动报错', '打印出来很模糊', '打印机一直在预热', 'pdf打印不了', '绘图仪不打印', '204房间的打印机坏了', '打印机很慢', '标签打印机不能用', '墨盒没墨了'])
# ------------------------------------------------------------ slow_computer
add('slow_computer', 'en', ['my computer is very slow', 'laptop is super slow', 'pc takes ages to boot', 'everything is lagging', 'my laptop freezes all the time', 'computer is sluggish since the update', 'it takes 10 minutes to start my laptop', 'programs are so slow to open', 'my pc hangs constantly', 'laptop is running slow', 'the computer is slow as hell', 'disk is always at 100%', 'my machine is really slow today', 'very slow performance', 'laptop keeps freezing', 'computer extremely slow after windows update', 'my pc is crawling', 'everything takes forever to load', 'laptop lags when i have teams open', 'cpu is always at 100 percent', 'laptop slow and fan loud', 'my computer has become very slow', 'my pc is freezing every few minutes', 'slow laptop', 'login takes forever', 'computer performance is terrible', 'apps hang for seconds', 'my workstation is slow', 'system is unresponsive', 'laptop lagging badly', 'computer so slow i cannot work', 'the pc is slow again', 'takes forever to open files', 'memory is full all the time', 'startup is very slow', 'laptop stutters', 'my laptop is slow when on battery', 'computer is super laggy', 'everything freezes when i open excel', 'my desktop is slow'])
add('slow_computer', 'ru', ['компьютер очень тормозит', 'ноутбук ужасно медленный', 'комп долго загружается', 'всё лагает', 'ноутбук постоянно зависает', 'после обновления всё тормозит', 'ноут включается 10 минут', 'программы долго открываются', 'комп постоянно виснет', 'ноутбук медленно работает', 'компьютер тупит', 'диск всегда загружен на 100%', 'сегодня комп очень медленный', 'очень низкая производительность', 'ноут виснет', 'после обновления windows всё тормозит', 'комп еле шевелится', 'всё грузится вечность', 'ноутбук лагает когда открыт тимс', 'процессор загружен на 100 процентов', 'ноут тормозит и шумит', 'компьютер стал очень медленным', 'комп зависает каждые несколько минут', 'медленный ноутбук', 'вход в систему идет вечность', 'ужасная производительность', 'приложения подвисают', 'рабочая станция тормозит', 'система не отвечает', 'ноутбук сильно лагает', 'комп так тормозит что работать невозможно', 'опять тормозит компьютер', 'файлы открываются очень долго', 'память всё время забита', 'очень долгая загрузка', 'ноутбук подтормаживает', 'тормозит ноут от батареи', 'комп жутко лагает', 'всё виснет когда открываю эксель', 'тормозит компьютер'])
add('slow_computer', 'zh', ['电脑特别慢', '笔记本超级卡', '电脑开机要很久', '什么都卡', '笔记本老是死机', '更新后电脑变慢了', '开机要十分钟', '程序打开很慢', '电脑一直卡死', '笔记本运行很慢', '电脑卡得要命', '磁盘一直100%', '今天电脑特别卡', '性能很差', '笔记本经常卡住', 'windows更新后电脑非常慢', '电脑慢得像蜗牛', '加载什么都很慢', '开着teams电脑就卡', 'CPU一直百分百', '电脑又慢又吵', '电脑变得很慢', '电脑每隔几分钟就卡死', '电脑慢', '登录要好久', '电脑性能太差了', '软件经常无响应', '工作站很慢', '系统没响应', '笔记本卡顿严重', '电脑卡得没法工作', '电脑又卡了', '打开文件很慢', '内存老是满', '启动特别慢', '笔记本一卡一卡的', '用电池时电脑很慢', '电脑超卡', '打开excel就卡死', '台式机很慢'])
# ------------------------------------------------------------ how_to
add('how_to', 'en', ['how do i set up an out of office reply', 'where do i find the expense form', 'can i use my own phone for work email', 'how to connect to the wifi as a guest', 'how do i add a printer to my laptop', 'how to record a teams meeting', 'where can i find the month end checklist', 'how do i share a folder with a colleague', 'is there a guide for the new expense tool', 'how can i forward my calls', 'how do i book a meeting room', 'what is the wifi password for guests', 'how to set up email on my phone', 'where do recordings get saved', 'how do i change my signature', 'how to map a network drive', 'can i install apps myself', 'how do i create a shared calendar', 'what is the procedure to order equipment', 'how do i connect to the projector', 'instructions for setting up the vpn on a new laptop', 'is there documentation on how to use the scanner', 'what server address do i enter in the vpn client', 'how can visitors get on the internet', 'where do i see my leave balance'],
    ['how do i set up {app}', 'how to use {app}', 'where do i find settings in {app}', 'can i use {app} from home', 'how do i configure {app} on my phone', 'is there a guide for {app}', 'how do i share a file in {app}', 'what are the steps to install the {net} client', 'how to connect to {net}', 'how do i connect my {dev} to the docking station', 'where can i download {sw}', 'how can i ... in {app}? i mean export data', 'quick question: how do i add someone in {app}'])
add('how_to', 'ru', ['как настроить автоответ', 'где найти форму авансового отчета', 'можно ли использовать личный телефон для почты', 'как гостю подключиться к вайфаю', 'как добавить принтер на ноутбук', 'как записать встречу в тимс', 'где найти чеклист закрытия месяца', 'как расшарить папку коллеге', 'есть инструкция по новой системе', 'как переадресовать звонки', 'как забронировать переговорку', 'какой пароль от гостевого вайфая', 'как настроить почту на телефоне', 'куда сохраняются записи встреч', 'как поменять подпись в письме', 'как подключить сетевой диск', 'можно самому устанавливать программы?', 'как создать общий календарь', 'как заказать оборудование', 'как подключиться к проектору', 'инструкция по настройке впн на новом ноутбуке', 'какой адрес сервера вводить в VPN клиенте', 'как гости могут выйти в интернет', 'где посмотреть остаток отпуска', 'подскажите, как сделать рассылку'],
    ['как настроить {app}', 'как пользоваться {app}', 'где найти настройки в {app}', 'можно ли работать в {app} из дома', 'как настроить {app} на телефоне', 'есть инструкция по {app}?', 'как поделиться файлом в {app}', 'как установить клиент {net}', 'как подключиться к {net}', 'как подключить {dev} к док-станции', 'где скачать {sw}', 'подскажите как выгрузить данные из {app}', 'вопрос: как добавить человека в {app}'])
add('how_to', 'zh', ['怎么设置自动回复', '报销单在哪里找', '可以用自己的手机收工作邮件吗', '访客怎么连wifi', '怎么在笔记本上添加打印机', 'teams会议怎么录制', '月结清单在哪里', '怎么把文件夹共享给同事', '新系统有使用指南吗', '电话怎么转接', '怎么预订会议室', '访客wifi密码是多少', '手机上怎么设置邮箱', '会议录像保存在哪里', '怎么改邮件签名', '怎么映射网络驱动器', '我可以自己装软件吗', '怎么创建共享日历', '申请设备的流程是什么', '怎么连投影仪', '新电脑怎么设置VPN', 'VPN客户端的服务器地址填什么', '访客怎么上网', '在哪里查看年假余额', '请问怎么建邮件组'],
    ['{app}怎么设置', '{app}怎么用', '{app}的设置在哪里', '在家可以用{app}吗', '手机上怎么配置{app}', '有{app}的使用说明吗', '{app}里怎么共享文件', '怎么安装{net}客户端', '怎么连接{net}', '{dev}怎么连扩展坞', '{sw}在哪里下载', '请问{app}怎么导出数据', '问一下{app}里怎么加人'])
# ------------------------------------------------------------ incident (generic breakage)
add('incident', 'en', ['something is broken', 'i get an error', 'it does not work', 'the system is down for me', 'i have a problem', 'getting an error message when i log in', 'the application crashes', 'error 500 on the portal', 'the page does not load', 'it stopped working', 'the app keeps crashing', 'nothing works since this morning', 'screen freezes when i open the report', 'the system throws an exception'],
    ['{app} is not working', "{app} doesn't work", '{app} gives me an error', '{app} crashes when i open it', 'i get an error in {app}', '{app} will not load', "{app} won't open", '{app} stopped working', 'problem with {app}', '{app} is broken', '{app} error when saving', 'cannot log in to {app}, it shows an error', '{app} keeps freezing', '{app} shows a blank page'])
add('incident', 'ru', ['что-то сломалось', 'выдает ошибку', 'не работает', 'у меня проблема', 'ошибка при входе', 'приложение вылетает', 'ошибка 500 на портале', 'страница не загружается', 'перестало работать', 'программа постоянно падает', 'с утра ничего не работает', 'зависает при открытии отчета', 'система выдает исключение', 'всё сломалось'],
    ['{app} не работает', 'не работает {app}', '{app} выдает ошибку', '{app} вылетает при запуске', 'ошибка в {app}', '{app} не загружается', 'не открывается {app}', '{app} перестал работать', 'проблема с {app}', '{app} сломался', 'ошибка при сохранении в {app}', 'не могу зайти в {app}, ошибка', '{app} зависает', '{app} показывает пустую страницу'])
add('incident', 'zh', ['有东西坏了', '报错了', '用不了', '我遇到问题了', '登录时报错', '程序闪退', '门户网站报500错误', '页面加载不出来', '突然不能用了', '软件老是崩溃', '从早上开始什么都用不了', '打开报表就卡死', '系统报异常', '出故障了'],
    ['{app}用不了', '{app}打不开', '{app}报错', '{app}一打开就崩溃', '{app}出错了', '{app}加载不出来', '{app}无法打开', '{app}不能用了', '{app}有问题', '{app}坏了', '{app}保存时报错', '登录{app}提示错误', '{app}一直卡住', '{app}显示空白页'])
# ------------------------------------------------------------ service_request (generic order)
add('service_request', 'en', ['i need a new laptop', 'can i order a new phone', 'i would like to request equipment', 'please order a monitor for me', 'new starter needs a laptop and phone', 'my laptop is old, can i get a replacement', 'i want to request a mobile phone', 'requesting a desk phone for a new employee', 'need a new sim card', 'order a headset please', 'can we get a projector for the meeting room', 'i need a loaner laptop for a trip', 'please set up a workstation for a new hire', 'i need a usb stick', 'request a parking badge'],
    ['i need {thing}', 'can i get {thing}', 'please order {thing} for me', 'i would like to request {thing}', 'requesting {thing}', 'could i have {thing}', 'we need {thing} for a new colleague', 'how do i order {thing}? i need one', 'i want {thing}', 'can you send me {thing}'])
add('service_request', 'ru', ['нужен новый ноутбук', 'можно заказать новый телефон', 'хочу заказать оборудование', 'закажите мне монитор', 'новому сотруднику нужен ноутбук и телефон', 'ноутбук старый, можно замену', 'прошу выдать мобильный телефон', 'нужен стационарный телефон для новичка', 'нужна новая сим-карта', 'закажите гарнитуру', 'нужен проектор в переговорную', 'нужен ноутбук на время командировки', 'подготовьте рабочее место для нового сотрудника', 'нужна флешка', 'заявка на пропуск на парковку'],
    ['нужен {thing}', 'нужна {thing}', 'можно получить {thing}', 'закажите мне {thing}', 'хочу заказать {thing}', 'прошу выдать {thing}', 'для нового коллеги нужен {thing}', 'как заказать {thing}? мне нужен', 'хочу {thing}', 'пришлите мне {thing}'])
add('service_request', 'zh', ['我需要一台新电脑', '可以申请新手机吗', '我想申请设备', '请帮我订一个显示器', '新员工需要电脑和手机', '笔记本太旧了能换一台吗', '申请一部手机', '给新同事申请座机', '需要一张新SIM卡', '申请一个耳机', '会议室需要一台投影仪', '出差需要借一台笔记本', '请给新员工准备工位电脑', '需要一个U盘', '申请停车卡'],
    ['我需要{thing}', '申请{thing}', '请帮我订{thing}', '我想申请{thing}', '能给我{thing}吗', '想要{thing}', '新同事需要{thing}', '怎么申请{thing}?我需要', '我要{thing}', '给我配{thing}'])
# ------------------------------------------------------------ outage_check
add('outage_check', 'en', ['is there an outage', 'is anything down right now', 'any known issues today', 'is there maintenance planned this weekend', 'are there any planned changes', 'is it just me or is everything down', 'is the system down for everyone', 'any incident going on', 'status of services', 'is there a known problem', 'are other people having the same issue', 'when is the next maintenance window', 'is there downtime scheduled tonight'],
    ['is {app} down', 'is {app} down for everyone', 'is there an outage on {app}', 'any maintenance planned on {app}', 'is {app} having issues right now', 'is {app} down or is it just me', 'any known issue with {app} today', 'will {app} be unavailable this weekend', 'is there planned downtime for {app}', 'is {net} down in the office', 'does anyone else have problems with {app}', 'when will {app} be back'])
add('outage_check', 'ru', ['есть сбой?', 'что-то сейчас лежит?', 'есть известные проблемы сегодня', 'планируются работы на выходных?', 'есть плановые изменения?', 'это только у меня или у всех не работает', 'система лежит у всех?', 'есть какая-то авария?', 'статус сервисов', 'есть известная проблема?', 'у других такая же проблема?', 'когда следующие регламентные работы', 'будет простой сегодня ночью?'],
    ['{app} лежит?', '{app} упал у всех?', 'есть сбой в {app}?', 'планируются работы в {app}?', 'у {app} сейчас проблемы?', '{app} не работает только у меня или у всех?', 'есть известные проблемы с {app}?', '{app} будет недоступен на выходных?', 'плановый простой {app}?', '{net} в офисе лежит?', 'у кого-то еще проблемы с {app}?', 'когда починят {app}?'])
add('outage_check', 'zh', ['有故障吗', '现在有什么系统宕机吗', '今天有已知问题吗', '这周末有维护计划吗', '有计划的变更吗', '是我一个人还是大家都不行', '系统是全部宕机了吗', '有事故吗', '服务状态', '有已知的问题吗', '别人也有这个问题吗', '下次维护窗口是什么时候', '今晚有停机计划吗'],
    ['{app}宕机了吗', '{app}是不是大家都用不了', '{app}有故障吗', '{app}有维护计划吗', '{app}现在有问题吗', '{app}是只有我不行还是都不行', '{app}今天有已知问题吗', '这周末{app}会停吗', '{app}有计划停机吗', '办公室{net}是不是挂了', '其他人{app}也有问题吗', '{app}什么时候恢复'])
for l in SL:
    SL[l]['tid'] = ['INC-000123', 'inc-004512', 'REQ-000087', 'INC-12', 'req-001234', 'INC000777', 'my ticket', 'ticket 4512']
SL['ru']['tid'] += ['мою заявку', 'заявку 4512']
SL['zh']['tid'] += ['我的工单', '工单4512']
# ------------------------------------------------------------ ticket_status
add('ticket_status', 'en', ['what is the status of my ticket', 'any update on my request?', 'where is my ticket at', 'has anyone looked at my issue', 'is my request done yet', 'show my open tickets', 'what happened with my incident', 'status update please', 'did someone pick up my ticket', 'when will my laptop order arrive'],
    ['status of {tid}', 'any news on {tid}?', 'what is happening with {tid}', 'is {tid} resolved', 'update on {tid} please', 'check {tid}', 'who is working on {tid}', 'where is {tid} at'])
add('ticket_status', 'ru', ['какой статус моей заявки', 'есть новости по моему обращению?', 'что с моей заявкой', 'кто-нибудь смотрел мою проблему', 'моя заявка уже выполнена?', 'покажи мои открытые заявки', 'что с моим инцидентом', 'какой статус', 'заявку кто-то взял в работу?', 'когда приедет заказанный ноутбук'],
    ['статус {tid}', 'что с {tid}?', 'есть новости по {tid}?', '{tid} решена?', 'какой статус у {tid}', 'проверь {tid}', 'кто занимается {tid}', 'на каком этапе {tid}'])
add('ticket_status', 'zh', ['我的工单状态怎么样了', '我的申请有进展吗', '我的问题处理到哪了', '有人看我的问题了吗', '我的申请完成了吗', '查看我的未关闭工单', '我的故障单怎么样了', '请更新一下状态', '有人接我的单了吗', '我订的电脑什么时候到'],
    ['{tid}的状态', '{tid}有进展吗', '{tid}怎么样了', '{tid}解决了吗', '查一下{tid}', '谁在处理{tid}', '{tid}到哪一步了', '{tid}处理好了吗'])
# ------------------------------------------------------------ cancel_ticket
add('cancel_ticket', 'en', ['cancel my ticket', 'please close my request, it works now', 'you can close the incident', 'never mind, problem solved itself', 'withdraw my request', 'i no longer need it', 'cancel the request please', 'close it, not needed anymore', 'i fixed it myself, close the ticket', 'forget my request'],
    ['cancel {tid}', 'please close {tid}', 'you can close {tid}, solved', 'withdraw {tid}', '{tid} is not needed anymore', 'delete {tid}'])
add('cancel_ticket', 'ru', ['отмените мою заявку', 'закройте заявку, уже работает', 'можно закрыть инцидент', 'уже не надо, само заработало', 'отзываю заявку', 'больше не нужно', 'отмена заявки', 'закрывайте, неактуально', 'сам починил, закройте заявку', 'забудьте про мою заявку'],
    ['отмените {tid}', 'закройте {tid}', 'можно закрыть {tid}, решено', 'отзываю {tid}', '{tid} уже не нужна', 'удалите {tid}'])
add('cancel_ticket', 'zh', ['取消我的工单', '关掉我的申请吧,已经好了', '可以关闭故障单了', '不用了,自己好了', '撤回申请', '不需要了', '请取消申请', '关了吧,不需要了', '我自己修好了,关单吧', '我的申请作废'],
    ['取消{tid}', '请关闭{tid}', '{tid}可以关了,已解决', '撤回{tid}', '{tid}不需要了', '删掉{tid}'])
# ------------------------------------------------------------ add_info
add('add_info', 'en', ['i want to add information to my ticket', 'here is a screenshot of the error', 'one more detail about my issue', 'forgot to mention it also happens on my phone', 'adding the error code: 0x80070005', 'update: it also fails for my colleague', 'additional info for my request', 'can i attach a file to my ticket', 'i have more details', 'the error message says access denied, add that please'],
    ['add a comment to {tid}', 'more info for {tid}: it happens every morning', 'please add to {tid} that it also affects my team', 'i want to update {tid} with new details', 'attach this log to {tid}'])
add('add_info', 'ru', ['хочу дополнить заявку', 'вот скриншот ошибки', 'еще одна деталь по проблеме', 'забыл сказать, на телефоне тоже не работает', 'добавляю код ошибки: 0x80070005', 'дополнение: у коллеги тоже не работает', 'доп информация к заявке', 'можно приложить файл к заявке', 'есть еще подробности', 'добавьте что ошибка пишет доступ запрещен'],
    ['добавьте комментарий к {tid}', 'дополнение к {tid}: повторяется каждое утро', 'допишите в {tid}, что у всего отдела', 'хочу обновить {tid} новыми деталями', 'приложите этот лог к {tid}'])
add('add_info', 'zh', ['我想给工单补充信息', '这是报错截图', '关于我的问题再补充一点', '忘了说手机上也不行', '补充错误代码0x80070005', '更新:同事也有这个问题', '申请的补充信息', '能给工单加个附件吗', '我还有更多细节', '请补充一下,错误提示是拒绝访问'],
    ['给{tid}加个备注', '{tid}补充:每天早上都会出现', '请在{tid}里补充整个部门都受影响', '我要更新{tid}的信息', '把这个日志附到{tid}'])
# ------------------------------------------------------------ hurry_ticket
add('hurry_ticket', 'en', ['why is this taking so long', 'can you speed up my request', 'please hurry, i have been waiting for days', 'this is urgent, please prioritise my ticket', 'still waiting, any chance to expedite', 'can someone escalate my ticket', 'i need this done today', 'nobody has answered for a week', 'please push my request', 'it has been 3 days, please hurry'],
    ['please expedite {tid}', 'escalate {tid} please', '{tid} is taking forever', 'can you speed up {tid}', 'still waiting on {tid}, please hurry', '{tid} is urgent now'])
add('hurry_ticket', 'ru', ['почему так долго', 'можно ускорить мою заявку', 'пожалуйста побыстрее, жду уже несколько дней', 'это срочно, поднимите приоритет', 'всё еще жду, можно ускорить', 'эскалируйте мою заявку', 'нужно сделать сегодня', 'неделю никто не отвечает', 'подтолкните мою заявку', 'уже три дня жду, ускорьте'],
    ['ускорьте {tid}', 'эскалируйте {tid}', '{tid} висит вечность', 'можно побыстрее с {tid}', 'всё еще жду по {tid}, поторопитесь', '{tid} теперь срочная'])
add('hurry_ticket', 'zh', ['怎么这么久', '能加快处理我的申请吗', '请快点,我已经等了好几天', '很急,请提高优先级', '还在等,能加急吗', '请升级我的工单', '今天必须解决', '一个星期都没人回复', '催一下我的申请', '已经三天了,请快一点'],
    ['{tid}请加急', '升级{tid}', '{tid}拖太久了', '能快点处理{tid}吗', '{tid}还在等,快点', '{tid}现在很急'])
# ------------------------------------------------------------ complaint
add('complaint', 'en', ['this is ridiculous', 'your service is terrible', 'i am very unhappy with the support', 'this bot is useless', 'third time i report this and nothing happens', 'worst helpdesk ever', 'i want to file a complaint', 'nobody ever helps me', 'this is unacceptable', 'i am fed up with IT', 'you closed my ticket without fixing anything', 'the technician was rude', 'i keep getting the same useless answer', 'stop sending me articles, they do not help', 'you guys never solve anything', 'this is a joke', 'i am so frustrated with this', 'i wasted the whole day because of IT', 'this is the worst experience', 'how many times do i have to explain this'])
add('complaint', 'ru', ['это безобразие', 'ужасная поддержка', 'я очень недоволен поддержкой', 'бот бесполезный', 'уже третий раз пишу и ничего', 'худший сервис', 'хочу подать жалобу', 'никто никогда не помогает', 'это неприемлемо', 'достало уже', 'закрыли заявку ничего не починив', 'специалист нагрубил', 'опять тот же бесполезный ответ', 'хватит слать статьи, они не помогают', 'вы никогда ничего не решаете', 'это издевательство', 'я в бешенстве', 'потерял целый день из-за вас', 'отвратительный сервис', 'сколько раз можно объяснять'])
add('complaint', 'zh', ['太离谱了', '你们服务太差了', '我对支持很不满意', '这个机器人没用', '第三次报这个问题了还是没人管', '最差的服务台', '我要投诉', '从来没人帮我', '这不能接受', '受够了', '没修好就把工单关了', '技术员态度很差', '一直给同样没用的回答', '别再发文章了没用', '你们什么都解决不了', '开什么玩笑', '我真的很烦', '因为IT浪费了一整天', '体验太糟糕了', '要我解释多少遍'])
# ------------------------------------------------------------ human_agent
add('human_agent', 'en', ['i want to talk to a human', 'can i speak to a real person', 'agent please', 'connect me to someone', 'let me talk to support staff', 'i need a technician', 'transfer me to an agent', 'can someone call me', 'real person please', 'i prefer to speak to a person', 'human', 'talk to an operator', 'get me a live agent', 'is there a person i can talk to', 'put me through to the service desk', 'call me back please', 'i want a person not a bot', 'escalate to a human', 'can an engineer contact me', 'i need to speak with someone from IT'])
add('human_agent', 'ru', ['хочу поговорить с человеком', 'позовите живого человека', 'оператора пожалуйста', 'соедините со специалистом', 'дайте поговорить с поддержкой', 'нужен техник', 'переключите на оператора', 'можете мне позвонить', 'живой человек нужен', 'предпочитаю говорить с человеком', 'оператор', 'с человеком можно?', 'хочу к живому специалисту', 'есть кто-то живой?', 'соедините с сервис-деском', 'перезвоните мне', 'не бот, а человек', 'передайте человеку', 'пусть инженер со мной свяжется', 'мне нужно поговорить с кем-то из IT'])
add('human_agent', 'zh', ['我要找人工', '转人工', '人工客服', '帮我联系工作人员', '我想和技术支持说话', '我需要技术员', '转接客服', '能给我打个电话吗', '要真人', '我想跟人说', '人工', '找接线员', '我要人工服务', '有真人吗', '帮我转服务台', '请给我回电话', '不要机器人,要人', '升级到人工', '让工程师联系我', '我要和IT的人谈'])
# ------------------------------------------------------------ out of scope
add('oos', 'en', ['what is the weather tomorrow', 'tell me a joke', 'who won the football game', 'book me a flight to paris', 'what is the capital of france', 'how much is 2+2', 'order pizza', 'what should i cook tonight', 'play some music', 'what is the meaning of life', 'recommend a good movie', 'how tall is mount everest', 'translate hello into spanish', 'what time is it in tokyo', 'i want to buy a car', 'whats the exchange rate for euro', 'how old are you', 'sing me a song', 'what are the lunch options at the canteen', 'when is the next public holiday', 'how do i make pancakes', 'who is the president of brazil', 'set an alarm for 7am', 'how many calories in an apple', 'what is my horoscope', 'find me a hotel in berlin', 'how far is the moon', 'what is the best pizza place nearby', 'how do i apply for a mortgage', 'can you do my homework'])
add('oos', 'ru', ['какая погода завтра', 'расскажи анекдот', 'кто выиграл матч', 'купи билет в Париж', 'какая столица Франции', 'сколько будет 2+2', 'закажи пиццу', 'что приготовить на ужин', 'включи музыку', 'в чем смысл жизни', 'посоветуй фильм', 'какая высота эвереста', 'переведи привет на испанский', 'который час в токио', 'хочу купить машину', 'какой курс евро', 'сколько тебе лет', 'спой песню', 'что сегодня в столовой', 'когда ближайший праздник', 'как испечь блины', 'кто президент бразилии', 'поставь будильник на 7', 'сколько калорий в яблоке', 'мой гороскоп', 'найди отель в берлине', 'как далеко до луны', 'где лучшая пицца рядом', 'как взять ипотеку', 'сделай мне домашку'])
add('oos', 'zh', ['明天天气怎么样', '讲个笑话', '昨晚足球谁赢了', '帮我订去巴黎的机票', '法国首都是哪里', '2加2等于几', '帮我点个披萨', '今晚做什么菜', '放首歌', '人生的意义是什么', '推荐一部电影', '珠穆朗玛峰多高', '把你好翻译成西班牙语', '东京现在几点', '我想买车', '欧元汇率多少', '你几岁了', '唱首歌', '食堂今天吃什么', '下一个节假日是哪天', '怎么做煎饼', '巴西总统是谁', '定个早上7点的闹钟', '一个苹果多少卡路里', '今天的星座运势', '帮我找柏林的酒店', '月球有多远', '附近哪家披萨好吃', '怎么申请房贷', '帮我写作业'])


# templates for the intents above that are mostly hand-written
for l in SL:
    SL[l]['n'] = {'en': ['three', 'five', '3', '4', 'ten'], 'ru': ['три', 'пять', '3', '4', 'десять'], 'zh': ['三', '五', '3', '4', '十']}[l]
D['complaint']['en'][1].extend(['{app} is still broken and nobody cares', 'i reported the {app} problem {n} times already!!!', 'this is the {n}th time {app} fails, unacceptable', 'your team never fixes {app}, i am furious', 'i am sick of {app} breaking every week'])
D['complaint']['ru'][1].extend(['{app} до сих пор сломан и всем плевать', 'я уже {n} раза писал про {app}!!!', 'уже {n} раз {app} падает, это неприемлемо', 'вы никогда не чините {app}, я в ярости', 'надоело что {app} ломается каждую неделю'])
D['complaint']['zh'][1].extend(['{app}还是坏的,根本没人管', '{app}的问题我已经报了{n}次了!!!', '{app}第{n}次出问题了,不能接受', '你们从来修不好{app},我很生气', '受够了{app}每周都坏'])
D['human_agent']['en'][1].extend(['i want to talk to someone about {app}', 'can a real person help me with {app}', 'please connect me to an agent about my {dev}', 'get me a human for the {app} issue', 'i need to speak to a technician about {app}'])
D['human_agent']['ru'][1].extend(['хочу поговорить с человеком про {app}', 'пусть живой специалист поможет с {app}', 'соедините с оператором по поводу {dev}', 'нужен человек по проблеме с {app}', 'хочу поговорить с техником про {app}'])
D['human_agent']['zh'][1].extend(['{app}的问题我要找人工', '请真人帮我看看{app}', '{dev}的问题转人工', '{app}的事情我要跟人说', '找个工程师帮我处理{app}'])


SL['en']['city'] = ['paris', 'london', 'new york', 'moscow', 'shanghai', 'rome']
SL['ru']['city'] = ['париже', 'лондоне', 'москве', 'шанхае', 'риме', 'казани']
SL['zh']['city'] = ['巴黎', '伦敦', '纽约', '莫斯科', '上海', '北京']
D['oos']['en'][1].extend(['what is the weather in {city}', 'best restaurants in {city}', 'find me cheap flights to {city}', 'what time is it in {city}'])
D['oos']['ru'][1].extend(['какая погода в {city}', 'лучшие рестораны в {city}', 'найди дешевые билеты, я в {city}', 'сколько времени в {city}'])
D['oos']['zh'][1].extend(['{city}天气怎么样', '{city}有什么好吃的餐厅', '帮我找去{city}的便宜机票', '{city}现在几点'])


# ------------------------------------------------------------ confusions seen in conversations
# Consumables and onboarding are requests, not problems; "blocked"/"access
# denied"/"no connection" reports are incidents, not account unlocks or access
# requests; head counts ("about 40 people") are not requests for a person.
D['service_request']['en'][0].extend([
    'need black toner for the printer on the 2nd floor', 'we are out of toner, please send a new cartridge',
    'can you order a yellow cartridge for our printer', 'the printer says toner low, we need a new one',
    'please send two black toner cartridges', 'new colleague starts on monday, please create his accounts',
    'we have a new hire joining next week, can you set up her accounts', 'please prepare accounts for a new employee',
    'i need a company mobile phone for customer visits', 'can i get a work phone', 'my laptop is very old and slow, can i get a new one',
    'my computer is 6 years old, i would like a replacement', 'i need a new badge', 'please order a headset for me'])
D['service_request']['ru'][0].extend([
    'нужен тонер для принтера на втором этаже', 'закончился картридж, пришлите новый', 'закажите жёлтый картридж для принтера',
    'принтер пишет мало тонера, нужен новый картридж', 'нужно два чёрных картриджа', 'в понедельник выходит новый сотрудник, заведите ему учётку',
    'к нам приходит новая сотрудница, подготовьте учётные записи', 'нужна учётная запись для нового сотрудника',
    'нужен служебный телефон для поездок к клиентам', 'мне нужен рабочий мобильный', 'ноутбук старый и медленный, можно новый?',
    'компьютеру 6 лет, хочу замену', 'нужен новый пропуск', 'закажите мне гарнитуру'])
D['service_request']['zh'][0].extend([
    '二楼打印机需要黑色墨粉', '墨盒用完了，请送一个新的', '帮我们的打印机订一个黄色硒鼓', '打印机提示墨粉不足，需要新的',
    '请送两个黑色墨盒', '下周一有新同事入职，请给他开通账号', '有个新员工要来，请准备账号', '需要给新员工创建账号',
    '我需要一部公司手机去拜访客户', '能给我配一部工作手机吗', '我的笔记本太旧太慢了，能换新的吗', '电脑用了6年了，想申请更换',
    '我需要一张新工牌', '帮我申请一个耳机'])
D['incident']['en'][0].extend([
    'the line terminal says no connection to server, the whole shift is blocked', 'the app shows access denied for everybody since this morning',
    'everyone in the office gets access denied on the portal', 'the production system cannot connect to the server, we are stopped',
    'the portal gives error 500 for all of us', 'the whole floor, about 40 people', 'all users on site are affected',
    'the shared drive disappeared for the whole team', 'the application is down for the whole department'])
D['incident']['ru'][0].extend([
    'терминал на линии пишет нет связи с сервером, смена стоит', 'у всех с утра ошибка доступ запрещён на портале',
    'производственная система не подключается к серверу, линия стоит', 'портал выдаёт ошибку 500 у всех',
    'весь этаж, около 40 человек', 'затронуты все пользователи на площадке', 'пропал сетевой диск у всего отдела',
    'приложение не работает у всего отдела', 'у всех сотрудников ошибка при входе'])
D['incident']['zh'][0].extend([
    '产线终端提示无法连接服务器，整个班组都停了', '从早上开始大家打开都提示拒绝访问', '生产系统连不上服务器，线停了',
    '门户网站对所有人都报500错误', '整个楼层，大约40人', '整个工厂的用户都受影响', '整个部门的共享盘都不见了',
    '整个部门都用不了这个系统', '所有同事登录都报错'])
D['how_to']['en'][0].extend([
    'how do i register for the self service password reset', 'how do i enrol in the password reset portal',
    'where do i sign up for resetting my own password', 'how do i set up my security questions for password reset'])
D['how_to']['ru'][0].extend([
    'как зарегистрироваться в портале самостоятельного сброса пароля', 'где записаться на самостоятельный сброс пароля',
    'как настроить сброс пароля самому', 'как подключиться к сервису сброса пароля'])
D['how_to']['zh'][0].extend([
    '怎么注册自助重置密码', '自助密码重置在哪里登记', '怎样设置自己重置密码的功能', '如何开通密码自助服务'])

# ------------------------------------------------------------ confusions seen on a third pack (logistics)
# "what am i supposed to type" / "is there a trick" are questions, not orders,
# even when a device is named; "N more <devices> for the shift" is an order, not
# a breakage; "add me to the ... mailbox" is an access request, not an email
# fault; something other than an account being "locked" (a period, a record, a
# file) is an incident, not an account lockout.
SL['en']['pl'] = ['scanners', 'laptops', 'monitors', 'headsets', 'tablets', 'phones', 'docking stations', 'keyboards']
SL['ru']['pl'] = ['сканера', 'ноутбука', 'монитора', 'гарнитуры', 'планшета', 'телефона', 'док-станции']
SL['zh']['pl'] = ['扫描枪', '笔记本', '显示器', '耳机', '平板', '手机', '扩展坞']
SL['en']['mb'] = ['the sales team', 'the invoices', 'the support', 'the hr', 'the accounts payable', 'the bookings', 'the purchasing']
SL['ru']['mb'] = ['отдела продаж', 'бухгалтерии', 'поддержки', 'отдела кадров', 'закупок', 'склада']
SL['zh']['mb'] = ['销售部', '财务部', '客服', '人事部', '采购部', '仓库']
D['how_to']['en'][0].extend([
    'the app wants a pin now, what should i enter', 'what should i put in this field', 'i never set a pin, which one does it mean',
    'is there a trick to get it working again', 'any trick to fix this myself', 'is there a quick fix for that',
    'what is the procedure for this', 'what do i have to enter in the login screen', 'no idea what code it wants from me',
    'how do i calibrate the label printer', 'can i realign the printout myself'])
D['how_to']['en'][1].extend([
    '{app} asks for a pin, which one is it', 'on the new {dev} {app} wants a code, which code is that',
    'is there a trick to fix this in {app}', 'first time using {app}, what am i supposed to do',
    'which details should i fill in {app}'])
D['how_to']['ru'][0].extend([
    'просит пин-код, что вводить', 'что сюда вводить', 'какой код он от меня хочет', 'есть какой-то способ исправить самому',
    'есть хитрость как это поправить', 'какая процедура для этого', 'не знаю что вводить при входе', 'как откалибровать принтер этикеток'])
D['how_to']['ru'][1].extend([
    '{app} просит пин, что вводить', 'новый {dev}, {app} просит код, какой?', 'первый раз в {app}, что делать',
    'есть способ самому поправить {app}?'])
D['how_to']['zh'][0].extend([
    '登录时让我输PIN码，可我从来没设过', '让我输入一个码，不知道填什么', '登录要什么码，我不知道', '有什么办法自己弄好吗',
    '有没有什么小窍门解决', '这个流程是什么', '第一次用不知道怎么弄', '标签打印机怎么校准'])
D['how_to']['zh'][1].extend([
    '{app}让输PIN码，这是什么码', '换了新{dev}，{app}要一个码，该填哪个', '第一次用{app}，不知道怎么弄', '{app}有什么办法自己弄好吗'])
D['service_request']['en'][1].extend([
    'we need {n} more {pl} for the extra shift', "we'll need {n} more {pl}", 'can we get {n} extra {pl} for the new team',
    'please send {n} {pl} to our site', 'need {n} additional {pl} for next week'])
D['service_request']['ru'][1].extend([
    'нужно ещё {n} {pl} на вторую смену', 'нам понадобится {n} новых {pl}', 'пришлите {n} {pl} на наш склад',
    'нужно {n} дополнительных {pl} к следующей неделе'])
D['service_request']['zh'][1].extend([
    '还需要{n}个{pl}给晚班用', '我们要再申请{n}个{pl}', '请给我们仓库送{n}个{pl}', '下周需要额外{n}个{pl}'])
D['access_request']['en'][1].extend([
    'could you add me to {mb} shared mailbox', 'i need access to {mb} mailbox', 'please give me access to {mb} shared inbox',
    'add my colleague to {mb} team mailbox'])
D['access_request']['ru'][1].extend([
    'добавьте меня в общий ящик {mb}', 'нужен доступ к почтовому ящику {mb}', 'дайте доступ к общему ящику {mb}',
    'подключите коллеге общий ящик {mb}'])
D['access_request']['zh'][1].extend([
    '把我加到{mb}的共享邮箱', '我需要{mb}公共邮箱的权限', '请开通{mb}共享邮箱权限', '给同事开{mb}邮箱的权限'])
D['incident']['en'][0].extend([
    'the posting period is locked and i cannot post', 'the record is locked by another user', 'the file is locked for editing and i cannot save',
    'it says the document is locked, we have to close the month today', 'the order is locked and nobody can change it'])
D['incident']['en'][1].extend(['{app} says the document is locked', '{app} will not let me post, the period is locked'])
D['incident']['ru'][0].extend([
    'пишет что период заблокирован, не могу провести', 'документ заблокирован другим пользователем', 'файл заблокирован для редактирования, не сохранить',
    'не даёт провести документы, период закрыт', 'заказ заблокирован, никто не может изменить', 'запись заблокирована, не могу сохранить изменения'])
D['incident']['ru'][1].extend(['{app} пишет что документ заблокирован', '{app} не даёт провести, период заблокирован'])
D['incident']['zh'][0].extend([
    '提示期间已锁定，无法过账', '单据被其他用户锁定了', '文件被锁定，保存不了', '订单被锁住了，谁都改不了', '记录已锁定，修改保存不了'])
D['incident']['zh'][1].extend(['{app}提示单据被锁定', '{app}过不了账，提示期间已锁定'])
D['printer_problem']['en'][0].extend([
    'the label printer prints misaligned labels', 'labels are offset and the text is cut off', 'label printer skips every second label',
    'barcode labels print crooked', 'the thermal printer feeds empty labels'])
D['printer_problem']['ru'][0].extend([
    'принтер этикеток печатает со смещением', 'этикетки съезжают, текст обрезан', 'принтер этикеток пропускает каждую вторую',
    'штрихкоды печатаются криво', 'этикетки выходят пустыми'])
D['printer_problem']['zh'][0].extend([
    '标签打印机打印错位', '标签偏了，字被切掉', '标签打印机隔一张跳一张', '条码打印歪了', '标签打印出来一片空白'])

D['outage_check']['en'][0].extend([
    'is there network maintenance scheduled at our site', 'any works planned in the building on friday',
    'will the network be down during my meeting next week', 'is anything scheduled that could affect my call tomorrow',
    'any planned interruptions at the warehouse this month', 'heard there is an upgrade coming, will it be down'])
D['outage_check']['ru'][0].extend([
    'планируются ли работы на сети в нашем офисе', 'будут ли работы в здании в пятницу', 'сеть будет недоступна во время моей встречи на следующей неделе?',
    'есть ли плановые отключения на складе в этом месяце', 'слышал про обновление, система будет недоступна?'])
D['outage_check']['zh'][0].extend([
    '我们办公室有网络维护计划吗', '周五大楼里有施工维护吗', '下周开会的时候网络会停吗', '这个月仓库有计划停机吗', '听说要升级，到时候会停用吗'])
D['access_request']['en'][1].extend(['i need {net} access to work from home', 'please set me up with {net} for home office'])
D['access_request']['ru'][1].extend(['нужен доступ к {net} для работы из дома', 'подключите мне {net} для удалёнки'])
D['access_request']['zh'][1].extend(['我需要开通{net}，要在家办公', '申请开通{net}权限，出差要用'])

# Onboarding a new colleague is an order (a catalog item), whatever it needs.
SL['en']['role'] = ['driver', 'picker', 'accountant', 'dispatcher', 'sales rep', 'engineer', 'nurse', 'forklift driver']
SL['ru']['role'] = ['водитель', 'кладовщик', 'бухгалтер', 'диспетчер', 'менеджер', 'инженер', 'оператор']
SL['zh']['role'] = ['司机', '拣货员', '会计', '调度员', '销售', '工程师', '操作员']
D['service_request']['en'][0].extend(['new colleague needs an account', 'need access for our new hire'])
D['service_request']['en'][1].extend([
    'a new {role} joins us next week, please prepare everything', 'new {role} starting on monday, set him up please',
    'we hired a {role}, she starts on the 1st and needs all the usual stuff'])
D['service_request']['ru'][0].extend(['новому сотруднику нужна учетная запись'])
D['service_request']['ru'][1].extend([
    'к нам выходит новый {role} со следующей недели, подготовьте всё', 'в понедельник выходит {role}, заведите всё что нужно'])
D['service_request']['zh'][0].extend(['新同事需要开账号', '新员工下周一入职需要开通账号'])
D['service_request']['zh'][1].extend(['下周有个新{role}入职，请把东西都准备好', '新来的{role}周一上班，帮他开通一下'])

# Consumables running out are orders too.
SL['en']['supply'] = ['labels', 'label rolls', 'paper', 'ribbons', 'toner', 'thermal paper', 'printer paper']
SL['ru']['supply'] = ['этикетки', 'рулоны этикеток', 'бумага', 'риббоны', 'тонер', 'термобумага']
SL['zh']['supply'] = ['标签', '打印纸', '碳带', '墨粉', '热敏纸', '标签卷']
D['service_request']['en'][1].extend(['we are running low on {supply}, please send {n} boxes', '{supply} almost finished, we need more', 'out of {supply} at our site, can you send some'])
D['service_request']['ru'][1].extend(['заканчиваются {supply}, пришлите {n} коробки', '{supply} почти закончились, нужно ещё', 'у нас кончились {supply}, пришлите'])
D['service_request']['zh'][1].extend(['{supply}快没了，请送{n}箱', '{supply}不够用了，需要补货', '我们这里{supply}用光了，请补一些'])

# Asking how to fix a device oneself is a how-to, not a goodbye, even with a
# polite word or a "first" in it.
SL['en']['gadget'] = ['card reader', 'scanner', 'label printer', 'badge reader', 'docking station', 'headset']
SL['ru']['gadget'] = ['считыватель карт', 'сканер', 'принтер этикеток', 'док-станция', 'гарнитура']
SL['zh']['gadget'] = ['读卡器', '扫描仪', '标签打印机', '刷卡器', '扩展坞', '耳机']
D['how_to']['en'][1].extend(['the {gadget} stopped working, is there a way to sort it out myself first?',
                             'thanks, one more thing: the {gadget} does not respond, anything I can try myself?'])
D['how_to']['ru'][1].extend(['{gadget} перестал работать, можно как-то самому сначала исправить?',
                             'спасибо, и ещё: {gadget} не отвечает, что я могу попробовать сам?'])
D['how_to']['zh'][1].extend(['{gadget}用不了了，有没有办法自己先弄一下？', '{gadget}没反应了，我能先自己处理一下吗？',
                             '谢谢，另外{gadget}坏了，有什么办法自己先试试？'])

# Short messages (docs/NLU.md, "Short messages"): what users type first, often
# two or three words. Mail apps are email_problem's, not generic incidents'.
MAIL = {'outlook', 'my email', 'аутлук', 'почта', '邮箱'}
for lang in ('en', 'ru', 'zh'):
    SL[lang]['iapp'] = [a for a in SL[lang]['app'] if a.lower() not in MAIL]
    D['incident'][lang] = (D['incident'][lang][0],
                           [t.replace('{app}', '{iapp}') for t in D['incident'][lang][1]])
D['hardware_broken']['en'][0].extend(['no sound', 'no audio on my laptop', 'mouse not working', 'headset has no sound', 'my mouse stopped working'])
D['hardware_broken']['ru'][0].extend(['нет звука', 'пропал звук', 'не работает звук', 'мышь не работает', 'не работает мышь', 'клавиатура не работает', 'нет звука в наушниках', 'наушники не работают'])
D['hardware_broken']['zh'][0].extend(['没声音', '电脑没声音', '耳机没声音', '声音没了', '鼠标坏了', '鼠标不动了', '键盘不好使了'])
D['email_problem']['en'][0].extend(["can't get into my email", 'cannot open my mail', 'email down'])
D['email_problem']['ru'][0].extend(['не могу зайти в почту', 'не могу войти в почту', 'не открывается почта', 'почта не грузится', 'почта не открывается', 'почта тупит'])
D['email_problem']['zh'][0].extend(['邮箱登不上', '进不去邮箱', '邮件打不开', '邮箱用不了了'])
D['password_reset']['en'][0].extend(["can't log in", 'cannot log in', 'unable to log in', "i can't sign in", 'login not working'])
D['password_reset']['ru'][0].extend(['не могу войти', 'не могу войти в систему', 'не пускает в систему', 'не могу залогиниться', 'не получается войти'])
D['password_reset']['zh'][0].extend(['登不上', '无法登录', '登录不了', '登不进去', '进不去系统'])

# ------------------------------------------------------------ generation
def typo(s):
    w = list(s)
    if len(w) < 6: return s
    i = R.randrange(1, len(w) - 2)
    op = R.randrange(3)
    if op == 0: del w[i]
    elif op == 1: w[i], w[i + 1] = w[i + 1], w[i]
    else: w.insert(i, w[i])
    return ''.join(w)

def expand(lang, tmpl):
    keys = [k for k in SL[lang] if '{' + k + '}' in tmpl]
    out = []
    for combo in itertools.product(*[SL[lang][k] for k in keys]):
        s = tmpl
        for k, v in zip(keys, combo): s = s.replace('{' + k + '}', v)
        out.append(s)
    return out

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for lang in ('en', 'ru', 'zh'):
        rows = []
        for intent in sorted(D):
            hand, tmpls = D[intent][lang]
            gen = [s for t in tmpls for s in expand(lang, t)]
            R.shuffle(gen)
            want = max(0, PER_INTENT - len(hand))
            # round-robin over templates for variety
            picked, seen = [], set(hand)
            by_t = [expand(lang, t) for t in tmpls]
            for lst in by_t: R.shuffle(lst)
            i = 0
            while len(picked) < want and any(by_t):
                lst = by_t[i % len(by_t)]
                if lst:
                    s = lst.pop()
                    if s not in seen:
                        seen.add(s); picked.append(s)
                i += 1
            texts = hand + picked
            if lang != 'zh':
                texts = [typo(t) if R.random() < 0.1 else t for t in texts]
                texts = [t.capitalize() if R.random() < 0.3 else t for t in texts]
            assert len(set(texts)) >= 40, (intent, lang, len(set(texts)))
            rows += [(t, intent) for t in dict.fromkeys(texts)]
        with open(os.path.join(here, 'intents', lang + '.tsv'), 'w') as f:
            f.write('# generated by resources/nlu/gen_intents.py; text<TAB>intent\n')
            for t, i in rows: f.write(f'{t}\t{i}\n')
        print(lang, len(rows))

main()
