/*
 * migstat dashboard. Reads the embedded JSON, draws every panel from the catalogue entries it holds, and never
 * computes a figure: charts and tables only pick published cells. Every text goes into the page through
 * textContent, text nodes or setAttribute (never innerHTML), so a label is always shown as text.
 */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('migstat-data').textContent);
  var LOCALES = { id: 'id-ID', en: 'en-GB' };
  var TOTAL = '_T';
  var SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect', 'emptyCircle'];
  var DASHES = ['solid', 'dashed', 'dotted'];
  var FAMILY_ORDER = ['residence', 'border', 'cases', 'comparison', 'context'];
  var MAX_SERIES_SHOWN = 8;

  var hashLang = (window.location.hash.match(/lang=(id|en)/) || [])[1];
  var lang = hashLang || DATA.defaultLanguage || 'id';
  var state = { citizenship: DATA.defaultCitizenship || TOTAL, panels: {} };
  var charts = [];

  // ---- text and formats ---------------------------------------------------------------------------

  function tx(t) {
    if (t === null || t === undefined) { return ''; }
    if (typeof t === 'string') { return t; }
    return (lang === 'id' ? t.id : t.en) || t.en || t.id || '';
  }

  function ui(key) {
    var t = DATA.ui[key];
    if (!t) { console.error('migstat: no text for ' + key); return key; }
    return tx(t);
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { e.textContent = String(v); }
        else if (k === 'className') { e.className = v; }
        else { e.setAttribute(k, String(v)); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function locale() { return LOCALES[lang] || 'en-GB'; }

  function fmtNumber(v, format, signed) {
    var opts = {};
    if (signed) { opts.signDisplay = 'exceptZero'; }
    if (format === 'pct') {
      opts.style = 'percent'; opts.minimumFractionDigits = 1; opts.maximumFractionDigits = 1;
      return new Intl.NumberFormat(locale(), opts).format(v / 100);
    }
    if (format === 'rate') {
      opts.minimumFractionDigits = 2; opts.maximumFractionDigits = 2;
    } else {
      opts.maximumFractionDigits = Number.isInteger(v) ? 0 : 1;
    }
    return new Intl.NumberFormat(locale(), opts).format(v);
  }

  function fmtAxis(v, format) {
    if (format === 'pct') {
      return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(v / 100);
    }
    return new Intl.NumberFormat(locale(), { maximumFractionDigits: format === 'rate' ? 2 : 0 }).format(v);
  }

  function parseIso(s) {
    var p = String(s).split('-');
    return new Date(Date.UTC(+p[0], (+p[1] || 1) - 1, +p[2] || 1));
  }

  function fmtDate(s, month) {
    return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: month || 'long', year: 'numeric', timeZone: 'UTC' })
      .format(parseIso(s));
  }

  function fmtDateTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    return new Intl.DateTimeFormat(locale(), {
      day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short'
    }).format(d);
  }

  function lastDayOfMonth(s) {
    var d = parseIso(s);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  }

  /** date (a stock), month (a calendar month, or the month to date), year, ytd (1 January to a date), range. */
  function shape(p) {
    if (!p || !p.start || !p.end) { return 'other'; }
    if (p.start === p.end) { return 'date'; }
    if (p.start.slice(8) === '01' && p.start.slice(0, 7) === p.end.slice(0, 7)) { return 'month'; }
    if (p.start.slice(5) === '01-01' && p.start.slice(0, 4) === p.end.slice(0, 4)) {
      return p.end.slice(5) === '12-31' ? 'year' : 'ytd';
    }
    return 'range';
  }

  function fmtPeriod(p, compact) {
    if (!p) { return '[x]'; }
    var m = compact ? 'short' : 'long';
    var s = shape(p);
    if (s === 'date') { return fmtDate(p.start, m); }
    if (s === 'month' && p.end === lastDayOfMonth(p.start)) {
      return new Intl.DateTimeFormat(locale(), { month: m, year: 'numeric', timeZone: 'UTC' }).format(parseIso(p.start));
    }
    if (s === 'year') { return p.start.slice(0, 4); }
    if (s === 'ytd' && p.end === lastDayOfMonth(p.end)) {
      // a year to date at a month end reads as its months: "Jan–Feb 2024"
      var mf = new Intl.DateTimeFormat(locale(), { month: compact ? 'short' : 'long', timeZone: 'UTC' });
      return mf.format(parseIso(p.start)) + '\u2013' + mf.format(parseIso(p.end)) + ' ' + p.start.slice(0, 4);
    }
    if (s === 'other') { return String(p.tp); }
    return fmtDate(p.start, 'short') + ' – ' + fmtDate(p.end, 'short');
  }

  function censored(flag) {
    var m = flag ? String(flag).match(/\[\s*<\s*(\d+)\s*\]/) : null;
    return m ? '<' + m[1] : null;
  }

  /** The text of a published cell: the number with its flag, or the flag alone when the value is hidden. */
  function cellText(value, flag, format) {
    var c = censored(flag);
    if (c) { return c; }
    if (value === null || value === undefined) { return flag || '[x]'; }
    var s = fmtNumber(value, format);
    return flag ? s + ' ' + flag : s;
  }

  function dimLabel(dim) {
    var d = DATA.dimensions[dim];
    return d ? tx(d.label) : dim;
  }

  function codeLabel(dim, code) {
    var d = DATA.dimensions[dim];
    if (d && d.codes && d.codes[code]) { return tx(d.codes[code]); }
    return String(code);
  }

  /**
   * A measure as the catalogue declares it for an indicator (an indicator model or its id): label and format.
   * The model carries every measure the page shows (ExportJob refuses an undeclared one).
   */
  function measureOf(ind, m) {
    var byIndicator = DATA.measures[typeof ind === 'string' ? ind : ind.id];
    return byIndicator ? byIndicator[m] : undefined;
  }

  function measureLabel(ind, m) {
    var x = measureOf(ind, m);
    return x ? tx(x.label) : m;
  }

  function measureFormat(ind, m) {
    var x = measureOf(ind, m);
    return x ? x.format : 'count';
  }

  function familyTitle(f) {
    return DATA.ui['family_' + f] ? ui('family_' + f) : (f ? f.charAt(0).toUpperCase() + f.slice(1).replace(/_/g, ' ') : ui('family_other'));
  }

  // ---- the published cells ------------------------------------------------------------------------

  function indexIndicator(ind) {
    if (ind._index) { return; }
    ind.panelId = ind.id; // a split panel (see panelsOf) has its own
    var n = ind.dimensions.length;
    ind._index = {};
    ind._codes = ind.dimensions.map(function () { return []; });
    var seen = ind.dimensions.map(function () { return {}; });
    ind.rows.forEach(function (r) {
      ind._index[r.slice(0, n + 2).join('\u0001')] = r;
      for (var i = 0; i < n; i++) {
        var c = r[1 + i];
        if (!seen[i][c]) { seen[i][c] = true; ind._codes[i].push(c); }
      }
    });
    ind._codes = ind._codes.map(function (codes, i) { return orderCodes(ind.dimensions[i], codes); });
  }

  function orderCodes(dim, codes) {
    var d = DATA.dimensions[dim];
    var order = d && d.order ? d.order : [];
    return codes.slice().sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      if (ia < 0) { ia = order.length; }
      if (ib < 0) { ib = order.length; }
      return ia !== ib ? ia - ib : (a < b ? -1 : a > b ? 1 : 0);
    });
  }

  /** The published row for a period index, full code list and measure index, or undefined. */
  function cell(ind, p, codes, m) {
    return ind._index[[p].concat(codes, [m]).join('\u0001')];
  }

  function codesOf(ind, dim) {
    var i = ind.dimensions.indexOf(dim);
    return i < 0 ? [] : ind._codes[i];
  }

  // ---- panels -------------------------------------------------------------------------------------

  /**
   * The panels of an indicator: itself, or — for an indicator the page splits (the case profile) — one panel per
   * listed code of its split dimension and one for the other codes. A split panel is the indicator with a narrower
   * code list (it reads the same published cells) and its own id, title and state.
   */
  function panelsOf(ind) {
    indexIndicator(ind);
    var split = ind.split;
    if (!split || !ind.available || !ind.rows.length) { return [ind]; }
    var present = codesOf(ind, split.dimension).filter(function (c) { return c !== TOTAL; });
    var out = [];
    split.codes.forEach(function (code) {
      if (present.indexOf(code) >= 0) { out.push(splitPanel(ind, code, [code], codeLabel(split.dimension, code))); }
    });
    var rest = present.filter(function (c) { return split.codes.indexOf(c) < 0; });
    if (rest.length) { out.push(splitPanel(ind, 'other', rest, split.otherTitle)); }
    return out;
  }

  function splitPanel(ind, key, codes, title) {
    var di = ind.dimensions.indexOf(ind.split.dimension);
    var v = Object.create(ind);
    v.panelId = ind.id + '-' + key;
    v.panelTitle = title;
    v.splitCodes = codes;
    v._codes = ind._codes.map(function (cs, i) {
      return i === di ? cs.filter(function (c) { return codes.indexOf(c) >= 0; }) : cs;
    });
    return v;
  }

  function defaultState(ind) {
    var dims = ind.dimensions;
    if (ind.splitCodes) {
      // one characteristic at a time (a filter where the panel has several): its categories side by side, as shares
      var sf = {};
      dims.forEach(function (d) { sf[d] = d === ind.split.dimension ? ind.splitCodes[0] : defaultCode(ind, d); });
      var mi = ind.measures.indexOf(ind.split.measure);
      return { by: dims.filter(function (d) { return d !== ind.split.dimension; })[0], then: null,
        measure: mi < 0 ? 0 : mi, period: ind.current, filters: sf };
    }
    var nonCit = dims.filter(function (d) { return d !== 'citizenship'; });
    var by = nonCit.length ? nonCit[nonCit.length - 1] : (dims[0] || null);
    var then = nonCit.length >= 2 ? nonCit[nonCit.length - 2] : null;
    // International context compares countries: show those side by side first.
    var geo = nonCit.filter(function (d) { return /^(country|geo|ref_area|area|reporting_country)$/.test(d); })[0];
    if (geo) {
      var others = nonCit.filter(function (d) { return d !== geo; });
      by = geo;
      then = others.length ? others[others.length - 1] : null;
    }
    var filters = {};
    dims.forEach(function (d) { filters[d] = defaultCode(ind, d); });
    return { by: by, then: then, measure: 0, period: ind.current, filters: filters };
  }

  function defaultCode(ind, dim) {
    var codes = codesOf(ind, dim);
    if (dim === 'citizenship' && codes.indexOf(state.citizenship) >= 0) { return state.citizenship; }
    if (codes.indexOf(TOTAL) >= 0) { return TOTAL; }
    if (codes.indexOf('IDN') >= 0) { return 'IDN'; }
    return codes[0];
  }

  function panelState(ind) {
    if (!state.panels[ind.panelId]) { state.panels[ind.panelId] = defaultState(ind); }
    return state.panels[ind.panelId];
  }

  /** A dimension the panel does not let the reader change: the split dimension of a one-characteristic panel. */
  function fixedDim(ind, d) {
    return !!(ind.splitCodes && ind.splitCodes.length === 1 && d === ind.split.dimension);
  }

  function selectControl(id, label, options, value, onChange) {
    var s = el('select', { id: id });
    options.forEach(function (o) {
      var opt = el('option', { value: o.value, text: o.label });
      if (String(o.value) === String(value)) { opt.selected = true; }
      s.appendChild(opt);
    });
    s.addEventListener('change', function () { onChange(s.value); });
    return el('div', { className: 'control' }, [el('label', { 'for': id, text: label }), s]);
  }

  function isCasePanel(ind) {
    return ind.family === 'cases' || /case|victim|traffick/i.test(ind.id);
  }

  function renderPanel(ind, container) {
    indexIndicator(ind);
    var section = el('section', { className: 'panel', id: 'panel-' + ind.panelId, 'data-indicator': ind.id,
      'data-split': ind.splitCodes ? ind.splitCodes.join(' ') : null, 'aria-labelledby': 'h-' + ind.panelId });
    section.appendChild(el('h3', { id: 'h-' + ind.panelId, text: tx(ind.panelTitle || ind.title) }));
    section.appendChild(el('p', { className: 'desc', text: ind.splitCodes
      ? tx(ind.title) + '. ' + tx(ind.split.note) : tx(ind.description) }));
    container.appendChild(section);
    var body = el('div', { className: 'panel-body' });
    section.appendChild(body);
    if (!ind.available || !ind.rows.length) {
      body.appendChild(el('p', { className: 'na', text: ui('notPublished') }));
      body.appendChild(caveatList(ind));
      body.appendChild(aboutDetails(ind));
      return;
    }
    drawPanelBody(ind, body);
  }

  function drawPanelBody(ind, body) {
    charts = charts.filter(function (c) {
      if (body.contains(c.getDom())) { c.dispose(); return false; }
      return true;
    });
    // A control that redraws its panel is rebuilt with it: keep the keyboard focus on it.
    var focused = document.activeElement && body.contains(document.activeElement) ? document.activeElement.id : null;
    var opened = Array.prototype.filter.call(body.querySelectorAll('details'), function (d) { return d.open; })
      .map(function (d) { return d.className; });
    while (body.firstChild) { body.removeChild(body.firstChild); }
    var st = panelState(ind);
    var redraw = function () { drawPanelBody(ind, body); };
    var controls = el('div', { className: 'controls', role: 'group', 'aria-label': tx(ind.title) });
    if (ind.measures.length > 1) {
      controls.appendChild(selectControl('m-' + ind.panelId, ui('measure'), ind.measures.map(function (m, i) {
        return { value: i, label: measureLabel(ind, m) };
      }), st.measure, function (v) { st.measure = +v; redraw(); }));
    }
    var free = ind.dimensions.filter(function (d) { return !fixedDim(ind, d); });
    if (free.length > 1) {
      controls.appendChild(selectControl('by-' + ind.panelId, ui('showBy'), free.map(function (d) {
        return { value: d, label: dimLabel(d) };
      }), st.by, function (v) { st.by = v; if (st.then === v) { st.then = null; } redraw(); }));
      controls.appendChild(selectControl('then-' + ind.panelId, ui('andBy'), [{ value: '', label: ui('none') }].concat(
        free.filter(function (d) { return d !== st.by; }).map(function (d) { return { value: d, label: dimLabel(d) }; })),
        st.then || '', function (v) { st.then = v || null; redraw(); }));
    }
    var periodOptions = ind.periods.map(function (p, i) { return { value: i, label: fmtPeriod(p) }; }).reverse();
    controls.appendChild(selectControl('p-' + ind.panelId, ui('period'), periodOptions, st.period,
      function (v) { st.period = +v; redraw(); }));
    if (ind.current >= 0) {
      body.appendChild(el('p', { className: 'opens-on', id: 'opens-' + ind.panelId, 'data-period': ind.periods[ind.current].tp,
        text: (ind.currentIsLatestPublishable ? ui('opensOnLatestPublishable') : ui('opensOn')) + ' ' +
          fmtPeriod(ind.periods[ind.current]) }));
    }
    ind.dimensions.forEach(function (d) {
      if (d === st.by || d === st.then || fixedDim(ind, d)) { return; }
      controls.appendChild(selectControl('f-' + ind.panelId + '-' + d, dimLabel(d), codesOf(ind, d).map(function (c) {
        return { value: c, label: codeLabel(d, c) };
      }), st.filters[d], function (v) { st.filters[d] = v; redraw(); }));
    });
    body.appendChild(controls);

    var chartsBox = el('div', { className: 'charts' });
    body.appendChild(chartsBox);
    var tables = scrollBox(ui('dataTable') + ': ' + tx(ind.panelTitle || ind.title), []);
    // The trend compares like with like: full months with full months (a month to date is shown in the breakdown).
    var sel = ind.periods[st.period];
    var trendShape = shape(sel);
    var partial = function (p) { return shape(p) === 'month' && p.end !== lastDayOfMonth(p.start); };
    var trendPeriods = [];
    ind.periods.forEach(function (p, i) {
      if (shape(p) === trendShape && (!partial(p) || p === sel && ind.periods.filter(function (q) {
        return shape(q) === 'month' && !partial(q);
      }).length === 0)) { trendPeriods.push(i); }
    });
    var pending = [];
    if (trendPeriods.length > 1) {
      pending.push(trendChart(ind, st, trendPeriods, chartsBox, tables));
    }
    pending.push(barChart(ind, st, chartsBox, tables));
    body.appendChild(caveatList(ind));
    body.appendChild(aboutDetails(ind));
    var det = el('details', { className: 'data' }, [el('summary', { text: ui('dataTable') }), tables]);
    body.appendChild(det);
    pending.forEach(function (f) { f(); });
    Array.prototype.forEach.call(body.querySelectorAll('details'), function (d) {
      if (opened.indexOf(d.className) >= 0) { d.open = true; }
    });
    if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
  }

  function caveatList(ind) {
    var ul = el('ul', { className: 'caveats', 'aria-label': ui('caveats') });
    (ind.caveats || []).forEach(function (c) { ul.appendChild(el('li', { text: tx(c) })); });
    var mentionsPrevalence = (ind.caveats || []).some(function (c) { return /prevalen/i.test(c.en || ''); });
    if (isCasePanel(ind) && !mentionsPrevalence) {
      ul.appendChild(el('li', { text: ui('casesCaveat') }));
    }
    return ul;
  }

  function aboutDetails(ind) {
    var dl = el('dl');
    function row(k, v) { dl.appendChild(el('dt', { text: k })); dl.appendChild(el('dd', { text: v })); }
    row(ui('definition'), tx(ind.description));
    row(ui('kind'), DATA.ui['kind_' + ind.kind] ? ui('kind_' + ind.kind) : String(ind.kind));
    row(ui('unit'), ind.unit);
    row(ui('grain'), ind.grain);
    row(ui('source'), (ind.sourceTables || []).join(', ') + ' → ' + ind.table);
    row(ui('definitionVersion'), ind.definitionVersion);
    row(ui('version'), ind.available ? String(ind.version) : '[x]');
    var periods = ind.periods || [];
    row(ui('reference'), ind.current >= 0 ? fmtPeriod(periods[ind.current]) : '[x]');
    if (periods.length) {
      row(ui('referencePeriods'), fmtPeriod(periods[0]) + ' … ' + fmtPeriod(periods[periods.length - 1]) +
        ' (' + periods.length + ')');
    }
    row(ui('caveats'), (ind.caveats || []).map(tx).join(' '));
    return el('details', { className: 'about' }, [el('summary', { text: ui('about') }), dl]);
  }

  function fixedCodes(ind, st, overrides) {
    return ind.dimensions.map(function (d) {
      if (overrides && Object.prototype.hasOwnProperty.call(overrides, d)) { return overrides[d]; }
      return st.filters[d];
    });
  }

  function totalOrFirst(ind, dim) {
    var codes = codesOf(ind, dim);
    return codes.indexOf(TOTAL) >= 0 ? TOTAL : codes[0];
  }

  function seriesCodes(ind, dim, rowsExist) {
    var codes = codesOf(ind, dim).filter(function (c) { return c !== TOTAL && rowsExist(c); });
    if (!codes.length && codesOf(ind, dim).indexOf(TOTAL) >= 0 && rowsExist(TOTAL)) { codes = [TOTAL]; }
    return codes;
  }

  function newChart(box, caption, height, kind, ind) {
    var fig = el('figure', { className: 'fig-' + kind });
    var capId = 'cap-' + kind + '-' + ind.panelId;
    fig.appendChild(el('figcaption', { id: capId }, [caption, syntheticTag()]));
    var div = el('div', { className: 'chart', 'data-kind': kind, 'data-indicator': ind.id, role: 'img',
      'aria-describedby': capId });
    div.style.height = height + 'px';
    fig.appendChild(div);
    box.appendChild(fig);
    return div;
  }

  /** Room above the plot for a legend of n entries (a plain legend wraps, about three entries a line). */
  function legendTop(n) {
    return 16 + 22 * Math.max(1, Math.ceil(n / 3));
  }

  /**
   * A box that scrolls sideways when its tables are wider than the page: focusable and named, so that keyboard
   * users can scroll it too (WCAG 2.1.1).
   */
  /** The short "synthetic data" tag beside a caption (null for real data). */
  function syntheticTag() {
    return DATA.notice ? el('span', { className: 'synthetic-tag', text: ui('syntheticTag') }) : null;
  }

  function scrollBox(label, children) {
    return el('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, children);
  }

  function tooltipBox(lines) {
    var box = el('div', { className: 'tip' });
    lines.forEach(function (l, i) {
      box.appendChild(el(i === 0 ? 'strong' : 'div', { text: l }));
    });
    return box;
  }

  function trendChart(ind, st, periodIdx, box, tables) {
    var byDim = st.by;
    var measure = ind.measures[st.measure];
    var format = measureFormat(ind, measure);
    var overrides = {};
    if (st.then) { overrides[st.then] = totalOrFirst(ind, st.then); }
    var byPos = ind.dimensions.indexOf(byDim);
    var rowsExist = function (code) {
      var o = Object.assign({}, overrides); if (byDim) { o[byDim] = code; }
      var codes = fixedCodes(ind, st, o);
      return periodIdx.some(function (p) { return cell(ind, p, codes, st.measure) !== undefined; });
    };
    var codes = byPos < 0 ? [null] : seriesCodes(ind, byDim, rowsExist);
    var lastP = periodIdx[periodIdx.length - 1];
    var grid = codes.map(function (code) {
      var o = Object.assign({}, overrides); if (byDim) { o[byDim] = code; }
      var cc = fixedCodes(ind, st, o);
      return periodIdx.map(function (p) { return cell(ind, p, cc, st.measure) || null; });
    });
    var order = codes.map(function (c, i) { return i; }).sort(function (a, b) {
      var va = grid[a][grid[a].length - 1], vb = grid[b][grid[b].length - 1];
      var x = va && va[va.length - 2] !== null ? va[va.length - 2] : -Infinity;
      var y = vb && vb[vb.length - 2] !== null ? vb[vb.length - 2] : -Infinity;
      return y - x;
    });
    var caption = ui('trend') + ': ' + measureLabel(ind, measure) + (byDim ? ' — ' + dimLabel(byDim) : '') +
      filterText(ind, st, [byDim], overrides);
    // The legend is a key, not a control (a mouse-only toggle would leave keyboard users out): the chart draws
    // the largest series, the data table below it every one.
    var drawn = order.slice(0, MAX_SERIES_SHOWN);
    var figCaption = order.length > drawn.length ? caption + ' — ' + ui('largestSeries').replace('{n}', String(drawn.length)) : caption;
    var div = newChart(box, figCaption, 360, 'trend', ind);
    var labels = periodIdx.map(function (p) { return fmtPeriod(ind.periods[p], true); });
    var series = [];
    var flagged = [];
    var points = 0;
    drawn.forEach(function (ci, k) {
      var name = byDim ? codeLabel(byDim, codes[ci]) : measureLabel(ind, measure);
      var anyValue = grid[ci].some(function (r) { return r && r[r.length - 2] !== null && r[r.length - 2] !== undefined; });
      series.push({
        type: 'line', name: name, symbol: SYMBOLS[k % SYMBOLS.length], symbolSize: 7, showAllSymbol: true,
        lineStyle: { type: DASHES[k % DASHES.length], width: 2 },
        connectNulls: false,
        // ECharts 5.3 throws (setLabelText) on an end label of a line with no point at all, e.g. every cell
        // suppressed, unless the label's value animation is off: no end label there, and never animated.
        endLabel: { show: drawn.length <= 6 && anyValue, valueAnimation: false, formatter: function () { return name; } },
        labelLayout: { hideOverlap: true },
        data: grid[ci].map(function (r, i) {
          if (!r) { return { value: '-' }; }
          var v = r[r.length - 2], f = r[r.length - 1];
          if (v === null || v === undefined) {
            if (f) { flagged.push({ x: i, flag: censored(f) || f, name: name }); }
            return { value: '-' };
          }
          points++;
          var item = { value: v };
          if (f) { item.label = { show: true, formatter: function () { return f; }, position: 'top' }; }
          return item;
        })
      });
    });
    if (flagged.length) {
      series.push({
        type: 'scatter', name: ui('flaggedCells'), symbol: 'diamond', symbolSize: 9,
        data: flagged.map(function (f) {
          return { value: [f.x, 0], label: { show: true, position: 'top', formatter: function () { return f.flag; } } };
        })
      });
    }
    div.setAttribute('data-points', String(points));
    div.setAttribute('aria-label', ui('chartTrend') + '. ' + figCaption + '. ' + ui('chartAria'));

    // the text alternative: one row per period, one column per series
    var table = el('table', { className: 'trend', 'data-indicator': ind.id });
    table.appendChild(el('caption', { text: caption }));
    var head = el('tr', null, [el('th', { scope: 'col', text: ui('period') })]);
    var allCodes = byDim ? codesOf(ind, byDim).filter(function (c) { return c === TOTAL || codes.indexOf(c) >= 0; }) : [null];
    allCodes.forEach(function (c) {
      head.appendChild(el('th', { scope: 'col', text: byDim ? codeLabel(byDim, c) : measureLabel(ind, measure) }));
    });
    table.appendChild(el('thead', null, [head]));
    var tb = el('tbody');
    periodIdx.slice().reverse().forEach(function (p) {
      var tr = el('tr', { 'data-period': ind.periods[p].tp });
      tr.appendChild(el('th', { scope: 'row', text: fmtPeriod(ind.periods[p]) }));
      allCodes.forEach(function (c) {
        var o = Object.assign({}, overrides); if (byDim) { o[byDim] = c; }
        var r = cell(ind, p, fixedCodes(ind, st, o), st.measure);
        tr.appendChild(el('td', { className: 'num', text: r ? cellText(r[r.length - 2], r[r.length - 1], format) : '[x]' }));
      });
      tb.appendChild(tr);
    });
    table.appendChild(tb);
    tables.appendChild(table);

    return function () {
      var chart = echarts.init(div, null, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        aria: { enabled: true, decal: { show: true }, label: { enabled: true, description: div.getAttribute('aria-label') } },
        color: ['#0b4f8a', '#b34700', '#2e7d32', '#6a1b9a', '#00838f', '#8d6e00', '#ad1457', '#37474f'],
        legend: { type: 'plain', top: 0, selectedMode: false, textStyle: { fontSize: 12 } },
        grid: { left: 12, right: drawn.length <= 6 ? 110 : 40, top: legendTop(series.length), bottom: 12, containLabel: true },
        tooltip: {
          trigger: 'axis',
          formatter: function (params) {
            var line = params.filter(function (q) { return q.seriesType === 'line'; })[0];
            var x = line ? line.dataIndex : Math.max(0, labels.indexOf(params[0] ? params[0].axisValue : ''));
            var lines = [fmtPeriod(ind.periods[periodIdx[x]])];
            drawn.forEach(function (ci) {
              var r = grid[ci][x];
              lines.push((byDim ? codeLabel(byDim, codes[ci]) : measureLabel(ind, measure)) + ': ' + (r ? cellText(r[r.length - 2], r[r.length - 1], format) : '[x]'));
            });
            return tooltipBox(lines.slice(0, 16));
          }
        },
        xAxis: { type: 'category', data: labels, boundaryGap: false, axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', axisLabel: { formatter: function (v) { return fmtAxis(v, format); } } },
        series: series
      });
      charts.push(chart);
    };
  }

  function filterText(ind, st, except, overrides) {
    var parts = [];
    ind.dimensions.forEach(function (d) {
      if (except.indexOf(d) >= 0) { return; }
      var code = overrides && Object.prototype.hasOwnProperty.call(overrides, d) ? overrides[d] : st.filters[d];
      parts.push(dimLabel(d) + ': ' + codeLabel(d, code));
    });
    return parts.length ? ' (' + parts.join('; ') + ')' : '';
  }

  function barChart(ind, st, box, tables) {
    var byDim = st.by;
    var thenDim = st.then;
    var measure = ind.measures[st.measure];
    var format = measureFormat(ind, measure);
    var p = st.period;
    var exists = function (o) { return cell(ind, p, fixedCodes(ind, st, o), st.measure) !== undefined; };
    var cats = byDim ? codesOf(ind, byDim).filter(function (c) {
      if (c === TOTAL) { return false; }
      if (!thenDim) { var o = {}; o[byDim] = c; return exists(o); }
      return codesOf(ind, thenDim).some(function (t) { var o = {}; o[byDim] = c; o[thenDim] = t; return exists(o); });
    }) : [];
    if (!cats.length && byDim) {
      var o0 = {}; o0[byDim] = TOTAL;
      if (exists(o0)) { cats = [TOTAL]; }
    }
    if (!byDim) { cats = [null]; }
    var groups = thenDim ? codesOf(ind, thenDim).filter(function (t) {
      return t !== TOTAL && cats.some(function (c) { var o = {}; o[byDim] = c; o[thenDim] = t; return exists(o); });
    }) : [null];
    if (thenDim && !groups.length) { groups = [totalOrFirst(ind, thenDim)]; }
    var value = function (c, g) {
      var o = {}; if (byDim) { o[byDim] = c; } if (thenDim) { o[thenDim] = g; }
      return cell(ind, p, fixedCodes(ind, st, o), st.measure) || null;
    };
    var ordered = byDim && DATA.dimensions[byDim] && DATA.dimensions[byDim].ordered;
    if (!ordered && !thenDim) {
      cats.sort(function (a, b) {
        var ra = value(a, null), rb = value(b, null);
        var va = ra && ra[ra.length - 2] !== null ? ra[ra.length - 2] : -Infinity;
        var vb = rb && rb[rb.length - 2] !== null ? rb[rb.length - 2] : -Infinity;
        return vb - va;
      });
    }
    var caption = ui('breakdown') + ': ' + measureLabel(ind, measure) + (byDim ? ' — ' + dimLabel(byDim) : '') +
      (thenDim ? ' × ' + dimLabel(thenDim) : '') + ', ' + fmtPeriod(ind.periods[p]) +
      filterText(ind, st, [byDim, thenDim]);
    var catLabels = cats.map(function (c) { return byDim ? codeLabel(byDim, c) : fmtPeriod(ind.periods[p]); });
    var longest = catLabels.reduce(function (m, s) { return Math.max(m, s.length); }, 0);
    var horizontal = cats.length > 7 || longest > 14;
    var height = horizontal ? Math.max(260, 60 + cats.length * Math.max(22, 14 * groups.length)) : 340;
    var div = newChart(box, caption, height, 'breakdown', ind);
    var points = 0;
    // Shares of persons are labelled with the count of persons they stand for (both published cells).
    var countIdx = ind.split && measure === ind.split.measure ? ind.measures.indexOf(ind.split.countMeasure) : -1;
    var withCount = function (text, c, g) {
      if (countIdx < 0) { return text; }
      var o = {}; if (byDim) { o[byDim] = c; } if (thenDim) { o[thenDim] = g; }
      var r = cell(ind, p, fixedCodes(ind, st, o), countIdx);
      return text + ' (' + (r ? cellText(r[r.length - 2], r[r.length - 1], measureFormat(ind, ind.split.countMeasure)) : '[x]') + ')';
    };
    var series = groups.map(function (g) {
      return {
        type: 'bar', name: g === null ? measureLabel(ind, measure) : codeLabel(thenDim, g),
        label: { show: true, position: horizontal ? 'right' : 'top', fontSize: 11 },
        data: cats.map(function (c) {
          var r = value(c, g);
          var v = r ? r[r.length - 2] : null;
          var f = r ? r[r.length - 1] : null;
          var text = withCount(r ? cellText(v, f, format) : '[x]', c, g);
          if (v === null || v === undefined) {
            return { value: 0, itemStyle: { color: 'transparent', borderColor: '#4a5260', borderType: 'dashed', borderWidth: 1 },
              label: { show: true, formatter: function () { return text; } } };
          }
          points++;
          return { value: v, label: { show: true, formatter: function () { return text; } } };
        })
      };
    });
    div.setAttribute('data-points', String(points));
    div.setAttribute('aria-label', ui('chartBars') + '. ' + caption + '. ' + ui('chartAria'));

    // the text alternative: every code (total first) with every measure, counts and shares side by side
    var table = el('table', { className: 'breakdown', 'data-indicator': ind.id, 'data-period': ind.periods[p].tp });
    table.appendChild(el('caption', { text: caption }));
    var head = el('tr', null, [el('th', { scope: 'col', text: byDim ? dimLabel(byDim) : ui('period') })]);
    if (thenDim) { head.appendChild(el('th', { scope: 'col', text: dimLabel(thenDim) })); }
    ind.measures.forEach(function (m) { head.appendChild(el('th', { scope: 'col', text: measureLabel(ind, m) })); });
    table.appendChild(el('thead', null, [head]));
    var tb = el('tbody');
    var rowCats = byDim ? codesOf(ind, byDim).filter(function (c) { return c === TOTAL || cats.indexOf(c) >= 0; }) : [null];
    var rowGroups = thenDim ? codesOf(ind, thenDim).filter(function (t) { return t === TOTAL || groups.indexOf(t) >= 0; }) : [null];
    rowCats.forEach(function (c) {
      rowGroups.forEach(function (g) {
        var o = {}; if (byDim) { o[byDim] = c; } if (thenDim) { o[thenDim] = g; }
        var codes = fixedCodes(ind, st, o);
        var any = ind.measures.some(function (m, mi) { return cell(ind, p, codes, mi) !== undefined; });
        if (!any) { return; }
        var key = ind.dimensions.map(function (d, i) { return d + '=' + codes[i]; }).join(';');
        var tr = el('tr', { 'data-key': key });
        tr.appendChild(el('th', { scope: 'row', text: byDim ? codeLabel(byDim, c) : fmtPeriod(ind.periods[p]) }));
        if (thenDim) { tr.appendChild(el('td', { text: codeLabel(thenDim, g) })); }
        ind.measures.forEach(function (m, mi) {
          var r = cell(ind, p, codes, mi);
          tr.appendChild(el('td', { className: 'num', 'data-measure': m,
            text: r ? cellText(r[r.length - 2], r[r.length - 1], measureFormat(ind, m)) : '[x]' }));
        });
        tb.appendChild(tr);
      });
    });
    table.appendChild(tb);
    tables.appendChild(table);

    return function () {
      var chart = echarts.init(div, null, { renderer: 'svg' });
      var catAxis = { type: 'category', data: catLabels, axisLabel: { interval: 0, hideOverlap: !horizontal, width: 160, overflow: 'truncate' } };
      var valAxis = { type: 'value', axisLabel: { formatter: function (v) { return fmtAxis(v, format); } } };
      if (horizontal) { catAxis.inverse = true; }
      chart.setOption({
        animation: false,
        aria: { enabled: true, decal: { show: true }, label: { enabled: true, description: div.getAttribute('aria-label') } },
        color: ['#0b4f8a', '#b34700', '#2e7d32', '#6a1b9a', '#00838f', '#8d6e00', '#ad1457', '#37474f'],
        legend: groups.length > 1 ? { type: 'plain', top: 0, selectedMode: false } : { show: false },
        grid: { left: 12, right: countIdx >= 0 ? 120 : 56, top: groups.length > 1 ? legendTop(groups.length) : 24, bottom: 12, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: function (params) {
            var c = cats[params.dataIndex];
            var g = groups[params.seriesIndex];
            var r = value(c, g);
            var lines = [(byDim ? codeLabel(byDim, c) : fmtPeriod(ind.periods[p])) + (g !== null && g !== undefined ? ' — ' + codeLabel(thenDim, g) : '')];
            ind.measures.forEach(function (m, mi) {
              var o = {}; if (byDim) { o[byDim] = c; } if (thenDim) { o[thenDim] = g; }
              var rr = cell(ind, p, fixedCodes(ind, st, o), mi);
              if (rr) { lines.push(measureLabel(ind, m) + ': ' + cellText(rr[rr.length - 2], rr[rr.length - 1], measureFormat(ind, m))); }
            });
            if (!r) { lines.push('[x]'); }
            return tooltipBox(lines);
          }
        },
        xAxis: horizontal ? valAxis : catAxis,
        yAxis: horizontal ? catAxis : valAxis,
        series: series
      });
      charts.push(chart);
    };
  }

  // ---- page sections ------------------------------------------------------------------------------

  function stampBlock() {
    var m = DATA.meta;
    var dl = el('dl');
    function item(k, v, attrs) {
      dl.appendChild(el('div', null, [el('dt', { text: k + ':' }), el('dd', Object.assign({ text: v }, attrs || {}))]));
    }
    item(ui('asOf'), fmtDate(m.asOf), { id: 'stamp-as-of', 'data-iso': m.asOf });
    if (m.releaseId) { item(ui('release'), m.releaseId, { id: 'stamp-release' }); }
    if (m.dataCutoff) { item(ui('dataCutoff'), fmtDate(m.dataCutoff), { id: 'stamp-cutoff', 'data-iso': m.dataCutoff }); }
    item(ui('run'), m.runId, { id: 'stamp-run' });
    item(ui('generated'), fmtDateTime(m.generatedAt), { id: 'stamp-generated', 'data-iso': m.generatedAt });
    var table = el('table', { id: 'stamp-versions' });
    table.appendChild(el('caption', { text: ui('tablesAndVersions') }));
    table.appendChild(el('thead', null, [el('tr', null, [
      el('th', { scope: 'col', text: ui('table') }), el('th', { scope: 'col', text: ui('version') }),
      el('th', { scope: 'col', text: ui('pinned') }), el('th', { scope: 'col', text: ui('rows') })])]));
    var tb = el('tbody');
    m.tables.forEach(function (t) {
      tb.appendChild(el('tr', { 'data-table': t.table }, [el('th', { scope: 'row', text: t.table }),
        el('td', { className: 'num', text: t.version >= 0 ? String(t.version) : '[x]' }),
        el('td', { text: t.version >= 0 ? (t.pinned ? ui('yes') : ui('no')) : '[x]' }),
        el('td', { className: 'num', text: fmtNumber(t.rows, 'count') })]));
    });
    table.appendChild(tb);
    var det = el('details', null, [el('summary', { text: ui('tablesAndVersions') }), scrollBox(ui('tablesAndVersions'), [table])]);
    return el('section', { className: 'stamp', id: 'build-stamp', 'aria-label': ui('buildStamp') }, [dl, det]);
  }

  function legendBlock() {
    var dl = el('dl');
    DATA.flags.forEach(function (f) {
      var shown = censored(f.flag);
      dl.appendChild(el('dt', { text: shown || f.flag }));
      dl.appendChild(el('dd', { text: tx(f.meaning) + (shown ? ' (' + ui('inFiles') + ' ' + f.flag + ')' : '') }));
    });
    return el('section', { className: 'block legend', id: 'sec-legend', 'aria-labelledby': 'h-legend' }, [
      el('h2', { id: 'h-legend', text: ui('legend') }), el('p', { text: ui('legendIntro') }), dl]);
  }

  /** One comparison of a tile, both periods spelled out: "Jan–Feb 2024 vs Jan–Feb 2023: +199 (+85%)". */
  function changeLine(cmp, format) {
    var base = fmtPeriod(cmp.base, true);
    if (!cmp.period) {
      return el('p', { className: 'tile-change', 'data-base': cmp.base.tp,
        text: base + ' ' + ui(cmp.against === 'month' ? 'vsPrevMonth' : 'vsPrevYear') + ': [x]' });
    }
    var text;
    if (cmp.change === null || cmp.change === undefined) {
      // no change without two published numbers: say why (the earlier cell's flag) or [x]
      text = censored(cmp.flag) || (cmp.value === null || cmp.value === undefined ? (cmp.flag || '[x]') : '[x]');
    } else if (format === 'pct') {
      text = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' })
        .format(cmp.change) + ' ' + ui('pp');
    } else {
      text = fmtNumber(cmp.change, format, true);
      if (cmp.changePct !== null && cmp.changePct !== undefined) {
        text += ' (' + new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' })
          .format(cmp.changePct / 100) + ')';
      }
    }
    return el('p', { className: 'tile-change', 'data-compare': cmp.period.tp, 'data-base': cmp.base.tp,
      'data-base-value': cmp.baseValue === null || cmp.baseValue === undefined ? null : String(cmp.baseValue) },
      [base + ' ' + ui('vs') + ' ' + fmtPeriod(cmp.period, true) + ': ' + text]);
  }

  function tilesBlock() {
    var grid = el('div', { className: 'tiles' });
    DATA.tiles.forEach(function (t) {
      var ind = DATA.indicators.filter(function (i) { return i.id === t.indicator; })[0];
      var dims = t.dims ? Object.keys(t.dims).map(function (k) { return k + '=' + t.dims[k]; }).join(';') : null;
      var art = el('article', { className: 'tile', 'data-tile': t.key, 'data-indicator': t.indicator,
        'data-measure': t.measure, 'data-time-period': t.period ? t.period.tp : null, 'data-dims': dims,
        'data-value': t.value === null || t.value === undefined ? null : String(t.value), 'data-flag': t.flag,
        'data-format': t.format, 'aria-labelledby': 'tile-h-' + t.key });
      art.appendChild(el('h3', { id: 'tile-h-' + t.key, text: tx(t.label) }));
      art.appendChild(el('p', { className: 'tile-value', text: t.available ? cellText(t.value, t.flag, t.format) : '[x]' }));
      if (t.note) { art.appendChild(el('p', { className: 'tile-note', text: tx(t.note) })); }
      if (t.available) {
        art.appendChild(el('p', { className: 'tile-ref', text: ui('reference') + ': ' + fmtPeriod(t.period) }));
        (t.comparisons || []).forEach(function (c) { art.appendChild(changeLine(c, t.format)); });
      } else {
        art.appendChild(el('p', { className: 'tile-ref', text: ui('noCell') }));
      }
      art.appendChild(el('p', { className: 'tile-source', text: ui('source') + ': ' + (ind ? tx(ind.title) : t.indicator) +
        (t.measure ? ' — ' + measureLabel(t.indicator, t.measure) : '') }));
      grid.appendChild(art);
    });
    return el('section', { className: 'block', id: 'sec-headlines', 'aria-labelledby': 'h-headlines' }, [
      el('h2', { id: 'h-headlines' }, [ui('headlines') + ' — ' + fmtDate(DATA.meta.asOf), syntheticTag()]), grid]);
  }

  /**
   * Registered and usual residents side by side (issue 15): the catalogue's definitions, each beside its published
   * cell of publish.usual_residents on the reference date for the citizenship chosen (a hidden cell by its flag,
   * [x] where none is published), and one sentence saying what makes the difference. Nothing is added up here: the
   * groups that make up the difference are cells of their own.
   */
  function usualResidentsBlock() {
    var ur = DATA.usualResidents;
    var sec = el('section', { className: 'block', id: 'sec-usual', 'aria-labelledby': 'h-usual' });
    sec.appendChild(el('h2', { id: 'h-usual', text: ui('usualResidents') }));
    sec.appendChild(el('p', { className: 'why', id: 'usual-difference', text: tx(ur.difference) }));
    var ind = DATA.indicators.filter(function (i) { return i.id === ur.indicator; })[0];
    if (!ind || !ind.available || !ind.rows.length) {
      sec.appendChild(el('p', { className: 'na', text: ui('notPublished') }));
      return sec;
    }
    indexIndicator(ind);
    var p = -1;
    ind.periods.forEach(function (q, i) { if (shape(q) === 'date' && q.start === ur.date) { p = i; } });
    var m = ind.measures.indexOf(ur.measure);
    var cit = codesOf(ind, 'citizenship').indexOf(state.citizenship) >= 0 ? state.citizenship : TOTAL;
    var format = measureFormat(ind, ur.measure);
    var table = el('table', { id: 'usual-residents', 'data-indicator': ind.id, 'data-measure': ur.measure,
      'data-period': p >= 0 ? ind.periods[p].tp : null, 'data-citizenship': cit });
    table.appendChild(el('caption', null, [ui('usualResidentsTable') + ' — ' + codeLabel('citizenship', cit) + ', ' +
      fmtDate(ur.date), syntheticTag()]));
    table.appendChild(el('thead', null, [el('tr', null, [ui('indicator'), ui('definition'), ui('value')]
      .map(function (h) { return el('th', { scope: 'col', text: h }); }))]));
    var tb = el('tbody');
    ur.rows.forEach(function (r) {
      var codes = ind.dimensions.map(function (d) {
        return d === 'citizenship' ? cit : d === ur.dimension ? r.code : TOTAL;
      });
      var c = p >= 0 && m >= 0 ? cell(ind, p, codes, m) : undefined;
      var value = c ? c[c.length - 2] : null;
      var flag = c ? c[c.length - 1] : '[x]';
      tb.appendChild(el('tr', { 'data-code': r.code, 'data-key': ind.dimensions.map(function (d, i) {
        return d + '=' + codes[i]; }).join(';') }, [
        el('th', { scope: 'row', text: tx(r.label) }),
        el('td', { text: tx(r.definition) }),
        el('td', { className: 'num', 'data-measure': ur.measure, 'data-flag': flag,
          'data-value': value === null || value === undefined ? null : String(value),
          text: c ? cellText(value, flag, format) : '[x]' })]));
    });
    table.appendChild(tb);
    sec.appendChild(scrollBox(ui('usualResidentsTable'), [table]));
    sec.appendChild(el('p', { className: 'caveat' }, [ui('usualResidentsMore') + ' ',
      el('a', { href: '#panel-' + ind.id, text: tx(ind.title) })]));
    return sec;
  }

  function sourcesBlock() {
    var sec = el('section', { className: 'block', id: 'sec-comparison', 'aria-labelledby': 'h-comparison' });
    sec.appendChild(el('h2', { id: 'h-comparison', text: ui('sources') }));
    sec.appendChild(el('p', { className: 'why', text: ui('sourcesWhy') }));
    var sf = DATA.sourceFigures;
    if (sf && sf.rows) {
      var ft = el('table', { id: 'source-figures' });
      ft.appendChild(el('caption', { text: ui('sourceFigures') + ' — ' + codeLabel('citizenship', sf.citizenship) +
        (sf.date ? ', ' + fmtDate(sf.date) : '') }));
      ft.appendChild(el('thead', null, [el('tr', null, [ui('source'), ui('definition'), ui('reference'), ui('value')]
        .map(function (h) { return el('th', { scope: 'col', text: h }); }))]));
      var fb = el('tbody');
      sf.rows.forEach(function (r) {
        fb.appendChild(el('tr', { 'data-source': r.source }, [
          el('th', { scope: 'row', text: tx(r.label) }),
          el('td', { text: tx(r.definition) }),
          el('td', { text: r.date ? fmtDate(r.date) : '[x]' }),
          el('td', { className: 'num', 'data-flag': r.flag, text: cellText(r.value, r.flag, 'count') })]));
      });
      ft.appendChild(fb);
      sec.appendChild(scrollBox(ui('sourceFigures'), [ft]));
      sec.appendChild(el('p', { className: 'caveat', text: ui('casesCaveat') }));
    }
    var table = el('table', { id: 'sources-table' });
    table.appendChild(el('caption', { text: ui('sourcesTable') }));
    table.appendChild(el('thead', null, [el('tr', null, [ui('indicator'), ui('definition'), ui('reference'), ui('value'),
      ui('source'), ui('caveats')].map(function (h) { return el('th', { scope: 'col', text: h }); }))]));
    var tb = el('tbody');
    DATA.sources.forEach(function (s) {
      var ind = DATA.indicators.filter(function (i) { return i.id === s.indicator; })[0];
      var filt = Object.keys(s.dims).filter(function (d) { return s.dims[d] !== TOTAL; })
        .map(function (d) { return codeLabel(d, s.dims[d]); }).join(', ');
      tb.appendChild(el('tr', { 'data-indicator': s.indicator }, [
        el('th', { scope: 'row', text: tx(ind.title) + (filt ? ' (' + filt + ')' : '') + ' — ' + measureLabel(ind, s.measure) }),
        el('td', { text: tx(ind.description) }),
        el('td', { text: fmtPeriod(s.period) }),
        el('td', { className: 'num', text: cellText(s.value, s.flag, measureFormat(ind, s.measure)) }),
        el('td', { text: (ind.sourceTables || []).join(', ') }),
        el('td', { text: (ind.caveats || []).map(tx).join(' ') })]));
    });
    table.appendChild(tb);
    sec.appendChild(scrollBox(ui('sourcesTable'), [table]));
    return sec;
  }

  /**
   * The synthetic-data banner the page is served with (both languages): the reader's language first, the other
   * one beside it, the explanation in the reader's language. Every chart caption and the headline figures carry a
   * short tag as well, so that no part of the page can be cut out without it.
   */
  function noticeBanner() {
    var box = document.getElementById('synthetic-notice');
    if (!box || !DATA.notice) { return; }
    var other = lang === 'id' ? 'en' : 'id';
    var title = document.getElementById('notice-title');
    while (title.firstChild) { title.removeChild(title.firstChild); }
    title.appendChild(el('strong', { lang: lang, text: tx(DATA.notice.title) }));
    title.appendChild(document.createTextNode(' '));
    title.appendChild(el('span', { className: 'notice-other', lang: other, text: DATA.notice.title[other] }));
    var detail = box.querySelector('.notice-detail');
    detail.setAttribute('lang', lang);
    detail.textContent = tx(DATA.notice.detail);
  }

  function render() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    document.documentElement.lang = lang;
    document.documentElement.removeAttribute('data-ready');
    document.title = (DATA.notice ? ui('syntheticTag') + ' ' : '') + ui('title');
    document.getElementById('page-title').textContent = ui('title');
    document.getElementById('page-subtitle').textContent = ui(DATA.notice ? 'subtitleSynthetic' : 'subtitle');
    noticeBanner();
    var internalBanner = document.getElementById('internal-banner');
    if (DATA.meta.internal) {
      if (!internalBanner) {
        internalBanner = el('p', { id: 'internal-banner', role: 'note', 'class': 'internal-banner' });
        var sub = document.getElementById('page-subtitle');
        sub.parentNode.insertBefore(internalBanner, sub.nextSibling);
      }
      internalBanner.textContent = ui('internalView');
    }
    document.querySelector('.skip').textContent = ui('skip');
    document.querySelector('label[for="lang-select"]').textContent = ui('language');
    document.getElementById('lang-select').value = lang;

    var main = document.getElementById('main');
    while (main.firstChild) { main.removeChild(main.firstChild); }
    main.appendChild(stampBlock());

    var families = {};
    var comparisonPanels = [];
    DATA.indicators.forEach(function (ind) {
      var f = ind.family || 'other';
      if (f === 'comparison' || f === 'sources' || /source_comparison/.test(ind.id)) { comparisonPanels.push(ind); return; }
      (families[f] = families[f] || []).push(ind);
    });
    var famList = Object.keys(families).sort(function (a, b) {
      var ia = FAMILY_ORDER.indexOf(a), ib = FAMILY_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });

    var toc = el('ul');
    function tocItem(id, text) { toc.appendChild(el('li', null, [el('a', { href: '#' + id, text: text })])); }
    tocItem('sec-headlines', ui('headlines'));
    if (DATA.usualResidents) { tocItem('sec-usual', ui('usualResidents')); }
    famList.forEach(function (f) { if (f !== 'context') { tocItem('sec-' + f, familyTitle(f)); } });
    tocItem('sec-comparison', ui('sources'));
    if (families.context) { tocItem('sec-context', familyTitle('context')); }
    tocItem('sec-legend', ui('legend'));
    main.appendChild(el('nav', { className: 'toc', 'aria-label': ui('contents') }, [toc]));

    var citCodes = [];
    DATA.indicators.forEach(function (ind) {
      indexIndicator(ind);
      codesOf(ind, 'citizenship').forEach(function (c) { if (citCodes.indexOf(c) < 0) { citCodes.push(c); } });
    });
    citCodes = orderCodes('citizenship', citCodes);
    var toolbar = el('div', { className: 'toolbar' });
    if (citCodes.length) {
      toolbar.appendChild(selectControl('citizenship-select', ui('citizenshipFilter'), citCodes.map(function (c) {
        return { value: c, label: codeLabel('citizenship', c) };
      }), state.citizenship, function (v) {
        state.citizenship = v;
        DATA.indicators.forEach(function (ind) {
          panelsOf(ind).forEach(function (panel) {
            var ps = state.panels[panel.panelId];
            if (ps && codesOf(panel, 'citizenship').indexOf(v) >= 0) { ps.filters.citizenship = v; }
          });
        });
        render();
        var s = document.getElementById('citizenship-select');
        if (s) { s.focus(); }
      }));
    }
    toolbar.appendChild(el('p', { text: ui('filtersNote') }));
    main.appendChild(toolbar);

    main.appendChild(tilesBlock());
    if (DATA.usualResidents) { main.appendChild(usualResidentsBlock()); }
    main.appendChild(legendBlock());
    famList.forEach(function (f) {
      if (f === 'context') { return; }
      var sec = el('section', { className: 'block', id: 'sec-' + f, 'aria-labelledby': 'h-fam-' + f });
      sec.appendChild(el('h2', { id: 'h-fam-' + f, text: familyTitle(f) }));
      main.appendChild(sec);
      families[f].forEach(function (ind) {
        panelsOf(ind).forEach(function (panel) { renderPanel(panel, sec); });
      });
    });
    var comparison = sourcesBlock();
    main.appendChild(comparison);
    comparisonPanels.forEach(function (ind) {
      panelsOf(ind).forEach(function (panel) { renderPanel(panel, comparison); });
    });
    if (families.context) {
      var ctx = el('section', { className: 'block', id: 'sec-context', 'aria-labelledby': 'h-fam-context' });
      ctx.appendChild(el('h2', { id: 'h-fam-context', text: familyTitle('context') }));
      main.appendChild(ctx);
      families.context.forEach(function (ind) {
        panelsOf(ind).forEach(function (panel) { renderPanel(panel, ctx); });
      });
    }
    main.appendChild(el('footer', { className: 'foot' }, [
      DATA.notice ? el('p', { className: 'foot-notice', text: tx(DATA.notice.title) + '. ' + tx(DATA.notice.detail) }) : null,
      el('p', { text: ui('dataFiles') }), el('p', { text: ui('offline') })]));
    document.documentElement.setAttribute('data-ready', lang);
  }

  var langSelect = document.getElementById('lang-select');
  langSelect.value = lang;
  langSelect.addEventListener('change', function () {
    lang = langSelect.value === 'en' ? 'en' : 'id';
    render();
    langSelect.focus();
  });
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
  });
  render();
}());
