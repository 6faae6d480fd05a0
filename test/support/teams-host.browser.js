// Runs in the browser as a stand-in for the Teams web client (not compiled): frames the tab and answers the calls
// teams-js makes over postMessage ({id, uuidAsString, func, args} → {id, uuidAsString, args}) with a context, a
// token and a runtime in which pages.config is supported. Records what the tab asked for in window.teamsHost.
(function () {
  var options = JSON.parse(document.getElementById('host-options').textContent);
  var frame = document.getElementById('tab');
  var host = (window.teamsHost = { calls: [], configs: [], valid: undefined, saved: undefined });
  var runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: { appInstallDialog: {}, dialog: {}, pages: { appButton: {}, config: {}, tabs: {} }, teamsCore: {} },
  };
  function post(message) {
    frame.contentWindow.postMessage(message, '*');
  }
  window.addEventListener('message', function (event) {
    var message = event.data;
    if (event.source !== frame.contentWindow || !message || typeof message.func !== 'string') return;
    host.calls.push(message.func);
    var reply = function (args) {
      post({ id: message.id, uuidAsString: message.uuidAsString, args: args });
    };
    switch (message.func) {
      case 'initialize':
        reply([options.frameContext, 'web', JSON.stringify(runtime), '2.58.0']);
        break;
      case 'getContext':
        reply([{ locale: options.locale, theme: options.theme, frameContext: options.frameContext, hostClientType: 'web', appSessionId: 's-1', sessionId: 'h-1', tid: options.tenantId, userObjectId: options.userObjectId }]);
        break;
      case 'authentication.getAuthToken':
        reply(options.token ? [true, options.token] : [false, 'resourceDisabled']);
        break;
      case 'settings.setSettings':
        host.configs.push(message.args[0]);
        reply([true]);
        break;
      case 'settings.setValidityState':
        host.valid = message.args[0];
        break;
      case 'settings.save.success':
        host.saved = true;
        break;
      case 'settings.save.failure':
        host.saved = message.args[0] || false;
        break;
      default:
        // appInitialization.success, registerHandler and others need no answer.
        break;
    }
  });
  // What Teams does: tell the tab the theme changed, or that the user pressed Save on the configuration page.
  host.changeTheme = function (theme) {
    post({ func: 'themeChange', args: [theme] });
  };
  host.pressSave = function () {
    post({ func: 'settings.save', args: [{}] });
  };
})();
