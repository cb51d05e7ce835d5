/* Statistics dashboard: draws the figures the server embedded in the page (#dash-data,
 * written by Django's json_script) with the vendored Apache ECharts. Every number comes from
 * that JSON; nothing is computed here except shares for the pie's labels.
 *
 * Plain ES5, no build step, no network calls except the map outline from our own static
 * files. After an htmx swap of #dash-panel the charts are disposed and drawn again.
 */
(function () {
  'use strict';

  var RED = '#b22222';
  var GREY = '#8c96a3';
  var FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';
  var TYPE_COLOURS = ['#b22222', '#e08a2e', '#3b6ea8'];
  var MAP_COLOURS = ['#fdf0ec', '#f7c4b5', '#ec8a72', '#d2473a', '#9e1b1b'];
  var NO_DATA = '#e9ecef';

  var charts = {};
  var geo = {};  // map code -> parsed GeoJSON, registered with ECharts under that code
  var data = null;

  function byId(id) { return document.getElementById(id); }

  /* Counts as Chinese statistical tables print them (and as the page does): plain digits. */
  function count(n) {
    return (n === null || n === undefined) ? '—' : String(n);
  }

  function percent(n) {
    return (n === null || n === undefined) ? '—' : Number(n).toFixed(1) + '%';
  }

  function isPercent(metric) { return /_pct$/.test(metric); }

  function show(metric, value) { return isPercent(metric) ? percent(value) : count(value); }

  function go(href) { if (href) { window.location.href = href; } }

  function message(el, text) {
    el.innerHTML = '';
    var p = document.createElement('p');
    p.className = 'chart-empty';
    p.appendChild(document.createTextNode(text));
    el.appendChild(p);
    el.setAttribute('data-ready', 'empty');
  }

  function make(id) {
    var el = byId(id);
    if (!el) { return null; }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.on('finished', function () { el.setAttribute('data-ready', '1'); });
    charts[id] = chart;
    return chart;
  }

  function disposeAll() {
    for (var id in charts) {
      if (Object.prototype.hasOwnProperty.call(charts, id)) { charts[id].dispose(); }
    }
    charts = {};
  }

  function base() {
    return {
      textStyle: { fontFamily: FONT },
      animationDuration: 400,
      tooltip: { confine: true }
    };
  }

  function extend(target, source) {
    for (var key in source) {
      if (Object.prototype.hasOwnProperty.call(source, key)) { target[key] = source[key]; }
    }
    return target;
  }

  /* ---------------------------------------------------------------- completion vs target */

  function drawCompletion() {
    var rows = data.rows.length ? data.rows.slice() : [extend({ href: null }, data.total)];
    if (!data.rows.length) { rows[0].name = data.region.name; rows[0].links = data.links; }
    rows.sort(function (a, b) { return b.applications - a.applications; });
    var hasTarget = rows.some(function (r) { return r.target_applications !== null; });
    var chart = make('chart-completion');
    if (!chart) { return; }
    var names = rows.map(function (r) { return r.name; });
    var series = [{
      name: '申请量', type: 'bar', barMaxWidth: 26, itemStyle: { color: RED },
      data: rows.map(function (r) { return r.applications; })
    }];
    if (hasTarget) {
      series.push({
        name: '年度目标', type: 'bar', barMaxWidth: 26, itemStyle: { color: '#cfd5dd' },
        data: rows.map(function (r) { return r.target_applications; })
      });
      series.push({
        name: '完成率', type: 'line', yAxisIndex: 1, symbolSize: 7,
        itemStyle: { color: '#2f5597' }, lineStyle: { width: 1.5 },
        label: { show: rows.length <= 16, formatter: function (p) { return percent(p.value); },
                 fontSize: 10, color: '#2f5597' },
        data: rows.map(function (r) { return r.completion_pct; })
      });
    }
    chart.setOption(extend(base(), {
      legend: { top: 0, data: series.map(function (s) { return s.name; }) },
      grid: { left: 50, right: hasTarget ? 50 : 16, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis', confine: true,
        formatter: function (items) {
          var r = rows[items[0].dataIndex];
          return r.name + '<br>申请量 ' + count(r.applications) + ' 件' +
            '<br>年度目标 ' + (r.target_applications === null ? '未设定' : count(r.target_applications) + ' 件') +
            '<br>完成率 ' + percent(r.completion_pct) +
            '<br>预计全年 ' + (r.projected_applications === null ? '—' : count(r.projected_applications) + ' 件');
        }
      },
      xAxis: { type: 'category', data: names,
               axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0, fontSize: 11 } },
      yAxis: [
        { type: 'value', name: '件', splitLine: { lineStyle: { color: '#eef0f3' } } },
        { type: 'value', name: '完成率', show: hasTarget,
          axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }
      ],
      series: series
    }));
    chart.on('click', function (p) { go(rows[p.dataIndex].href || rows[p.dataIndex].links.applications); });
  }

  /* ---------------------------------------------------------------- monthly trend */

  function drawTrend() {
    var chart = make('chart-trend');
    if (!chart) { return; }
    var t = data.trend;
    var year = data.year;
    chart.setOption(extend(base(), {
      legend: { top: 0, data: [year + '年', (year - 1) + '年'] },
      grid: { left: 16, right: 20, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true,
                 valueFormatter: function (v) { return v === null || v === undefined ? '—' : count(v) + ' 件'; } },
      xAxis: { type: 'category', boundaryGap: false,
               data: t.months.map(function (m) { return m + '月'; }) },
      yAxis: { type: 'value', name: '件', splitLine: { lineStyle: { color: '#eef0f3' } } },
      series: [
        { name: year + '年', type: 'line', data: t.this_year, symbolSize: 6,
          itemStyle: { color: RED }, lineStyle: { width: 2.5 },
          areaStyle: { color: 'rgba(178,34,34,0.08)' } },
        { name: (year - 1) + '年', type: 'line', data: t.last_year, symbolSize: 5,
          itemStyle: { color: GREY }, lineStyle: { width: 1.5, type: 'dashed' } }
      ]
    }));
  }

  /* ---------------------------------------------------------------- type mix */

  function drawTypes() {
    var el = byId('chart-types');
    if (!el) { return; }
    var t = data.total;
    var items = [
      { name: '发明', value: t.invention_applications, href: data.links.invention_applications },
      { name: '实用新型', value: t.utility_applications, href: data.links.utility_applications },
      { name: '外观设计', value: t.design_applications, href: data.links.design_applications }
    ];
    items.forEach(function (item) {  // no label for an empty slice: it would sit on another's
      if (!item.value) { item.label = { show: false }; item.labelLine = { show: false }; }
    });
    if (!t.applications) { message(el, '本期没有专利申请。'); return; }
    var chart = make('chart-types');
    chart.setOption(extend(base(), {
      color: TYPE_COLOURS,
      tooltip: { trigger: 'item', confine: true,
                 formatter: function (p) { return p.name + '：' + count(p.value) + ' 件（' + p.percent.toFixed(1) + '%）'; } },
      legend: { bottom: 0 },
      series: [{
        type: 'pie', radius: ['42%', '68%'], center: ['50%', '46%'],
        label: { formatter: function (p) { return p.name + '\n' + count(p.value) + ' 件 · ' + p.percent.toFixed(1) + '%'; } },
        data: items
      }]
    }));
    chart.on('click', function (p) { go(items[p.dataIndex].href); });
  }

  /* ---------------------------------------------------------------- map */

  function loadGeo(info, done, fail) {
    if (geo[info.code]) { done(geo[info.code]); return; }
    var xhr = new XMLHttpRequest();
    xhr.open('GET', info.url, true);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) { return; }
      if (xhr.status !== 200) { fail(); return; }
      try {
        var json = JSON.parse(xhr.responseText);
        echarts.registerMap(info.code, json);
        geo[info.code] = json;
        done(json);
      } catch (e) { fail(); }
    };
    xhr.send();
  }

  function mapValues(metric) {
    var values = {};
    if (data.rows.length) {
      data.rows.forEach(function (r) { values[r.code] = r; });
    } else {
      values[data.region.code] = extend({ href: data.map.leaf_href, name: data.region.name }, data.total);
    }
    return values;
  }

  function drawMap() {
    var el = byId('chart-map');
    if (!el) { return; }
    if (!data.map) { message(el, '本地区暂无地图，请参考下方表格。'); return; }
    loadGeo(data.map, function (json) {
      if (!byId('chart-map') || byId('chart-map') !== el) { return; }  // swapped meanwhile
      paintMap(el, json, data.metric);
    }, function () { message(el, '地图文件加载失败，请参考下方表格。'); });
  }

  /* Up to five classes by quantiles of the distinct values: one big city would otherwise
   * leave every other region the palest colour of a linear scale, and many regions at 0
   * would otherwise fill every class boundary with 0. */
  function classes(values, metric) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var distinct = sorted.filter(function (v, i) { return i === 0 || v !== sorted[i - 1]; });
    var m = distinct.length;
    var k = Math.min(MAP_COLOURS.length, m);
    if (k === 0) { return []; }
    var breaks = [distinct[0]];
    for (var i = 1; i < k; i++) { breaks.push(distinct[Math.floor(i * m / k)]); }
    var pieces = [];
    for (var j = 0; j < breaks.length; j++) {
      var last = j === breaks.length - 1;
      var lo = breaks[j];
      var hi = last ? distinct[m - 1] : breaks[j + 1];
      var colour = breaks.length === 1 ? MAP_COLOURS[3]
        : MAP_COLOURS[Math.round(j * (MAP_COLOURS.length - 1) / (breaks.length - 1))];
      var piece = { gte: lo, color: colour };
      if (last) { piece.lte = hi; } else { piece.lt = hi; }
      piece.label = lo === hi ? show(metric, lo) : show(metric, lo) + ' – ' + show(metric, hi);
      pieces.push(piece);
    }
    return pieces.reverse();
  }

  function paintMap(el, json, metric) {
    var chart = charts['chart-map'] || make('chart-map');
    var values = mapValues(metric);
    var names = {};
    var points = {};
    json.features.forEach(function (f) {
      names[f.properties.code] = f.properties.name;
      points[f.properties.code] = f.properties.cp;
    });
    var seriesData = [];
    var present = [];
    for (var code in values) {
      if (!Object.prototype.hasOwnProperty.call(values, code) || !names[code]) { continue; }
      var v = values[code][metric];
      seriesData.push({ name: code, value: v === null ? NaN : v });
      if (v !== null) { present.push(v); }
    }
    var label = data.metrics[metric];
    var pieces = classes(present, metric);
    chart.setOption(extend(base(), {
      tooltip: {
        trigger: 'item', confine: true,
        formatter: function (p) {
          var row = values[p.name];
          var text = names[p.name] || p.name;
          if (!row) { return text + '<br>不在本级统计范围'; }
          return text + '<br>' + label + '：' + show(metric, row[metric]) +
            '<br>申请量 ' + count(row.applications) + ' 件 · 授权量 ' + count(row.grants) + ' 件';
        }
      },
      visualMap: {
        type: 'piecewise', pieces: pieces, left: 6, bottom: 6, itemWidth: 14, itemHeight: 10,
        itemGap: 4, textStyle: { fontSize: 11, color: '#555' }, showLabel: true,
        show: pieces.length > 0, selectedMode: false
      },
      series: [{
        type: 'map', map: data.map.code, nameProperty: 'code', roam: false,
        layoutCenter: ['50%', '50%'], layoutSize: '96%', selectedMode: false,
        itemStyle: { areaColor: NO_DATA, borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { itemStyle: { areaColor: '#f2c94c' }, label: { color: '#1f2d3d' } },
        label: { show: true, fontSize: 11, color: '#1f2d3d', textBorderColor: '#ffffff',
                 textBorderWidth: 2, formatter: function (p) { return names[p.name] || ''; } },
        data: seriesData
      }]
    }), true);
    chart.off('click');
    chart.on('click', function (p) {
      var row = values[p.name];
      if (row) { go(row.href); }
    });
    el.setAttribute('data-map', data.map.code);
    window.ipbDashboard.points = points;
  }

  /* ---------------------------------------------------------------- wiring */

  function draw() {
    disposeAll();
    var holder = byId('dash-data');
    if (!holder) { return; }
    data = JSON.parse(holder.textContent);
    if (!window.echarts) {
      ['chart-map', 'chart-completion', 'chart-trend', 'chart-types'].forEach(function (id) {
        if (byId(id)) { message(byId(id), '图表组件未能加载，请参考表格中的数字。'); }
      });
      return;
    }
    drawCompletion();
    drawTrend();
    drawTypes();
    drawMap();
    var pick = byId('map-metric');
    if (pick) {
      pick.onchange = function () {
        data.metric = pick.value;
        var hidden = byId('id_metric_hidden');
        if (hidden) { hidden.value = pick.value; }
        var links = document.querySelectorAll('#dash-panel a[href*="metric="]');
        for (var i = 0; i < links.length; i++) {
          links[i].href = links[i].href.replace(/metric=[a-z_]+/, 'metric=' + pick.value);
        }
        if (geo[data.map && data.map.code]) { paintMap(byId('chart-map'), geo[data.map.code], pick.value); }
      };
    }
  }

  /* For the browser test and for people: where a region's label sits, in page pixels. */
  window.ipbDashboard = {
    points: {},
    pixel: function (code) {
      var chart = charts['chart-map'];
      var cp = this.points[code];
      if (!chart || !cp) { return null; }
      var xy = chart.convertToPixel({ seriesIndex: 0 }, cp);
      var box = byId('chart-map').getBoundingClientRect();
      return xy ? [box.left + xy[0], box.top + xy[1]] : null;
    },
    redraw: draw
  };

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    if (resizeTimer) { clearTimeout(resizeTimer); }
    resizeTimer = setTimeout(function () {
      for (var id in charts) {
        if (Object.prototype.hasOwnProperty.call(charts, id)) { charts[id].resize(); }
      }
    }, 150);
  });
  document.addEventListener('htmx:beforeSwap', function (e) {
    if (e.detail && e.detail.target && e.detail.target.id === 'dash-panel') { disposeAll(); }
  });
  document.addEventListener('htmx:afterSettle', function () { draw(); });
  // Back/forward after a swap: htmx puts the saved HTML back, without the charts' canvases.
  document.addEventListener('htmx:historyRestore', function () { draw(); });
  document.addEventListener('htmx:responseError', function (e) {
    var panel = byId('dash-panel');
    if (!panel) { return; }
    var status = e.detail && e.detail.xhr ? e.detail.xhr.status : 0;
    var box = document.createElement('div');
    box.className = 'msg error';
    box.setAttribute('role', 'alert');
    box.appendChild(document.createTextNode(status === 403 ? '所选地区不在您的管辖范围内。'
      : status === 404 ? '没有这个地区。' : '查询失败（' + status + '），请稍后重试。'));
    panel.insertBefore(box, panel.firstChild);
  });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());
